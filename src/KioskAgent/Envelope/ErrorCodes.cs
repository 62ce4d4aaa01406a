namespace KioskAgent.Envelope;

/// <summary>The stable error codes of the contract; integrators switch on these, so they never change meaning.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string KioskNotFound = "kiosk_not_found";
    public const string DeviceNotFound = "device_not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string OperationConflict = "operation_conflict";
    public const string RestartNotSupported = "restart_not_supported";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
    public const string DeviceUnavailable = "device_unavailable";
    public const string RestartFailed = "restart_failed";
    public const string DeviceTimeout = "device_timeout";
    public const string OperationNotFound = "operation_not_found";
    public const string JournalUnavailable = "journal_unavailable";

    /// <summary>The code and message for a status the framework raised without saying why (no route, bad body...).</summary>
    public static ApiError ForStatus(int status, string method, string path) => status switch
    {
        400 => new(InvalidRequest, "The request is malformed: the body must be valid JSON of the documented shape, and path values well-formed."),
        401 => new(Unauthorized, "A valid bearer token is required: get one from POST /api/auth."),
        403 => new(Forbidden, "The token does not allow this request."),
        404 => new(NotFound, $"No route matches {method} {path}; see /swagger for the routes."),
        405 => new(MethodNotAllowed, $"{method} is not allowed on {path}; the Allow header lists the methods that are."),
        408 => new(InvalidRequest, "The request body did not arrive in time."),
        413 => new(PayloadTooLarge, "The request body is larger than this route accepts."),
        415 => new(UnsupportedMediaType, "The request body must be sent as Content-Type: application/json."),
        429 => new(RateLimited, "Too many requests; retry after the time the Retry-After header gives."),
        >= 500 => new(InternalError, "The agent failed to handle the request; the request id identifies it in the agent's log."),
        _ => new(InvalidRequest, "The request cannot be served."),
    };
}
