// Every error code an agent call can end with, in plain words: what happened and what fixes it. Its
// `charged` is the one rule of what a failed call costs (invoke.service.ts refunds by it): a call is
// charged once the vendor may have done the work, i.e. the whole request reached the vendor's connection
// (it answered, even with a redirect Vaultline does not follow or an answer too large, timed out, or
// dropped the connection afterwards); a call refused before that (by Vaultline, or a vendor that could
// not be reached) costs nothing. The
// dashboard's call log explains each failed call with it, the OpenAPI document describes its responses
// with it, and error-codes.test.ts fails when code anywhere in lib/ throws a code missing here.
export type TErrorCodeInfo = {
  status: number;
  /** What happened, for the person reading the call log. */
  meaning: string;
  /** What to do about it. */
  fix: string;
  /** Whether the call was charged to the budget. */
  charged: boolean;
};

export const AGENT_ERROR_CODES = {
  invalid_input: {
    status: 400,
    meaning: "The agent's input did not match the tool's input schema (fieldErrors says where), or the body was not JSON.",
    fix: "Nothing in Vaultline: the agent should read the tool's schema (GET /api/v1/tools) and send what it asks for.",
    charged: false,
  },
  unauthorized: {
    status: 401,
    meaning: "The budget key was missing, unknown or revoked.",
    fix: "Give the agent a key of this budget that is not revoked (Budgets → the budget → Budget keys).",
    charged: false,
  },
  budget_exhausted: {
    status: 402,
    meaning: "The budget's spending limit is reached.",
    fix: "Raise the budget's limit in its settings, or wait until the agent is allowed to spend again.",
    charged: false,
  },
  budget_exceeded: {
    status: 402,
    meaning: "One of the budget's spend caps is reached: daily, weekly or monthly (`window`, with `resetsAt` and Retry-After), or the tool costs more than the per-call cap (`window: \"call\"`).",
    fix: "Wait until the window resets, or raise the cap in the budget's settings.",
    charged: false,
  },
  rate_limited: {
    status: 429,
    meaning: "The budget key or its budget made more calls this minute than its rate limit allows (`scope`, `limitPerMinute`); Retry-After says when the next minute starts.",
    fix: "Slow the agent down, or raise the rate limit of the key or the budget.",
    charged: false,
  },
  tool_not_allowed: {
    status: 403,
    meaning: "The tool is not one of this budget's tools.",
    fix: "Add the tool to the budget if the agent should call it.",
    charged: false,
  },
  destination_not_allowed: {
    status: 403,
    meaning: "The tool's endpoint resolved to an address Vaultline never calls (private, loopback or this server's own).",
    fix: "Point the custom tool at the vendor's public address.",
    charged: false,
  },
  not_found: {
    status: 404,
    meaning: "The budget names a tool that no longer exists.",
    fix: "Remove the tool from the budget, or create it again.",
    charged: false,
  },
  method_not_allowed: {
    status: 405,
    meaning: "The agent used the wrong HTTP method for the route.",
    fix: "Nothing in Vaultline: the agent should POST to the invoke route.",
    charged: false,
  },
  payload_too_large: {
    status: 413,
    meaning: "The agent's request body was larger than 1 MiB.",
    fix: "Nothing in Vaultline: the agent should send a smaller input.",
    charged: false,
  },
  missing_credential: {
    status: 424,
    meaning: "The budget has no credential bound for this tool's integration.",
    fix: "Open the setup link (setupUrl) to add or choose a credential and bind it; the agent can retry at once.",
    charged: false,
  },
  credential_unreadable: {
    status: 424,
    meaning: "The bound credential can no longer be decrypted (its data key was shredded or the master key changed).",
    fix: "Enter the credential again from the setup link (setupUrl).",
    charged: false,
  },
  reconnect_required: {
    status: 424,
    meaning: "The OAuth 2 provider refused the credential's grant for good (revoked consent, invalid_grant).",
    fix: "Reconnect the credential from the link (reconnectUrl); calls work again once it is reconnected.",
    charged: false,
  },
  vendor_unreachable: {
    status: 502,
    meaning: "The vendor could not be reached (DNS, connection refused or reset) before it had the request.",
    fix: "Usually passing: retry later. If it persists, check the tool's endpoint URL.",
    charged: false,
  },
  vendor_connection_lost: {
    status: 502,
    meaning: "The vendor received the request, then closed the connection before answering in full. It may have done the work, so the call was charged.",
    fix: "Check with the vendor whether the action happened before retrying; if it persists, the vendor is failing.",
    charged: true,
  },
  vendor_response_too_large: {
    status: 502,
    meaning: "The vendor's answer was larger than Vaultline passes on.",
    fix: "Ask the vendor for less (pagination, fewer fields); the call was charged, as the vendor did the work.",
    charged: true,
  },
  redirect_not_allowed: {
    status: 502,
    meaning: "The vendor answered with a redirect to another origin, where Vaultline never sends a credential. It had the request, so the call was charged.",
    fix: "Point the tool's endpoint at the final address.",
    charged: true,
  },
  vendor_error: {
    status: 502,
    meaning: "The vendor's answer could not be followed (too many redirects, an invalid location). It had the request, so the call was charged.",
    fix: "Point the tool's endpoint at the final address; retry later.",
    charged: true,
  },
  vendor_request_invalid: {
    status: 502,
    meaning: "A credential value holds characters an HTTP header cannot carry.",
    fix: "Edit the credential: paste the value again without line breaks or other control characters.",
    charged: false,
  },
  service_unavailable: {
    status: 503,
    meaning: "Vaultline's database was away and the call needed it (its plan was not cached).",
    fix: "Nothing to change: the agent should retry after Retry-After seconds.",
    charged: false,
  },
  tool_busy: {
    status: 503,
    meaning: "This tool already had its limit of calls waiting for its vendor (a slow or hanging vendor).",
    fix: "Retry after Retry-After seconds; if the vendor is often this slow, raise VAULTLINE_TOOL_CONCURRENCY.",
    charged: false,
  },
  budget_busy: {
    status: 503,
    meaning: "This budget already had its limit of calls waiting for vendors.",
    fix: "Retry after Retry-After seconds; the agent may be sending too many calls at once.",
    charged: false,
  },
  vendor_timeout: {
    status: 504,
    meaning: "The vendor did not answer in time. It may have done the work, so the call was charged.",
    fix: "Retry later, or ask the vendor for less work per call.",
    charged: true,
  },
  internal_error: {
    status: 500,
    meaning: "A bug in Vaultline. The request id finds it in the server log.",
    fix: "Report it with the request id.",
    charged: false,
  },
} as const satisfies Record<string, TErrorCodeInfo>;

export type TAgentErrorCode = keyof typeof AGENT_ERROR_CODES;

/** The plain-words entry of a code, or null for one this catalog does not know (an older record). */
export function errorCodeInfo(code: string): TErrorCodeInfo | null {
  return Object.hasOwn(AGENT_ERROR_CODES, code) ? AGENT_ERROR_CODES[code as TAgentErrorCode] : null;
}
