// The closed lists of a tool definition, without mongoose, so browser code (the tool form) can import them.
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const INJECTION_TARGETS = ["header", "query", "body", "basic_auth"] as const;

export type THttpMethod = (typeof HTTP_METHODS)[number];
export type TInjectionTarget = (typeof INJECTION_TARGETS)[number];
