// A minimal GraphQL-over-HTTP client that remembers every response body, so a test can search them all
// for a secret at the end.
export type TGraphQLResult<T = Record<string, any>> = {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; fieldErrors?: Record<string, string[]> } }[];
};

export class GraphQLClient {
  readonly responses: string[] = [];
  constructor(
    private readonly url: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<TGraphQLResult<T>> {
    const res = await fetch(`${this.url}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    this.responses.push(text);
    return { status: res.status, ...(JSON.parse(text) as Omit<TGraphQLResult<T>, "status">) };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** Runs an operation that must fail and returns the first error's code. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
    const result = await this.request(query, variables);
    if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return result.errors[0]!.extensions?.code;
  }
}
