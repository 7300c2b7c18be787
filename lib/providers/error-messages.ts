import type { Vendor } from "@/lib/providers/types";

/**
 * Plain-language explanations for every error code documented in docs/providers.md, plus the
 * console's own codes. The UI shows these next to the vendor's code and request id.
 */

const COMMON: Record<string, string> = {
  NetworkError: "The cloud provider could not be reached (network error). Check the endpoint and connectivity, then try again.",
  RequestTimeout: "The cloud provider did not answer in time. The operation may or may not have happened; the console checks before retrying.",
  InvalidResponse: "The cloud provider sent a response the console did not understand. Nothing was assumed; try again or contact support.",
  InvalidArgument: "The request was not sent because one of its values is not valid for this cloud API.",
  HttpError: "The cloud provider returned an unexpected HTTP error.",
  Aborted: "The request was cancelled before the cloud provider answered.",
  EndpointNotAllowed:
    "The request was not sent: the endpoint must be https on the vendor's own domain, or a host listed in CLOUD_ENDPOINT_ALLOWED_HOSTS.",
  EndpointAddressNotAllowed:
    "The request was not sent: the endpoint's host resolves to a link-local, cloud metadata or internal address that is not allowed.",
};

const ALIBABA: Record<string, string> = {
  MissingParameter: "A required parameter was missing from the request to Alibaba Cloud DMS.",
  InvalidParameter: "Alibaba Cloud DMS rejected one of the parameter values as invalid.",
  "InvalidAccessKeyId.NotFound": "The Alibaba Cloud AccessKey ID does not exist. Check the cloud account's credentials.",
  "InvalidAccessKeyId.Inactive": "The Alibaba Cloud AccessKey is disabled. Enable it in the RAM console or enter another key.",
  "InvalidTimeStamp.Format": "Alibaba Cloud rejected the request timestamp format.",
  "InvalidTimeStamp.Expired": "The console server's clock is more than 15 minutes off Alibaba Cloud's time. Fix the server clock and try again.",
  SignatureNonceUsed: "Alibaba Cloud rejected the request as a replay (its nonce was already used). Try again.",
  SignatureDoesNotMatch: "Alibaba Cloud rejected the request signature. The AccessKey secret is most likely wrong.",
  IncompleteSignature: "Alibaba Cloud rejected the request because its signature was incomplete.",
  Throttling: "Alibaba Cloud is limiting the request rate. The console retries automatically; try again shortly.",
  "Throttling.User": "This Alibaba Cloud account has hit its request rate limit. Try again shortly.",
  "Throttling.Api": "This DMS API has hit its request rate limit. Try again shortly.",
  "InvalidApi.NotFound": "This DMS API is not available at the configured endpoint or API version.",
  "Forbidden.RAM": "The RAM user behind this AccessKey lacks permission for this DMS operation.",
  InternalError: "Alibaba Cloud DMS had an internal error. Try again later.",
  ServiceUnavailable: "Alibaba Cloud DMS is temporarily unavailable. Try again later.",
  UnknownError: "Alibaba Cloud DMS reported an unknown error.",
  InvalidTid: "The DMS tenant ID is not valid for this account.",
  MissingProxyId: "The DMS security protection proxy ID is missing.",
  TenantNotExist: "The DMS tenant does not exist or this account cannot see it.",
};

const TENCENT: Record<string, string> = {
  "AuthFailure.SignatureExpire": "The console server's clock is more than 5 minutes off Tencent Cloud's time. Fix the server clock and try again.",
  "AuthFailure.SignatureFailure": "Tencent Cloud rejected the request signature. The SecretKey is most likely wrong.",
  "AuthFailure.SecretIdNotFound": "The Tencent Cloud SecretId does not exist or has been disabled.",
  "AuthFailure.InvalidSecretId": "The Tencent Cloud SecretId is not valid (wrong format or type).",
  "AuthFailure.TokenFailure": "The Tencent Cloud temporary credential token is invalid or expired.",
  "AuthFailure.MFAFailure": "Tencent Cloud requires multi-factor authentication for this operation.",
  "AuthFailure.UnauthorizedOperation": "These Tencent Cloud credentials are not authorized for this operation.",
  "AuthFailure.InvalidAuthorization": "Tencent Cloud rejected the Authorization header as malformed.",
  InvalidAction: "Tencent Cloud does not know this API action.",
  InvalidParameter: "Tencent Cloud rejected a parameter as invalid.",
  InvalidParameterValue: "Tencent Cloud rejected one of the parameter values.",
  MissingParameter: "A required parameter was missing from the request to Tencent Cloud.",
  UnknownParameter: "The request contained a parameter Tencent Cloud does not recognise.",
  NoSuchVersion: "Tencent Cloud does not support the requested API version.",
  UnsupportedProtocol: "Tencent Cloud does not accept this protocol for the API.",
  UnsupportedRegion: "This Tencent Cloud API is not available in the selected region.",
  UnsupportedOperation: "Tencent Cloud does not support this operation in the current state.",
  DryRunOperation: "The request was a dry run and was not executed.",
  LimitExceeded: "A Tencent Cloud quota has been exceeded.",
  RequestLimitExceeded: "Tencent Cloud is limiting the request rate. The console retries automatically; try again shortly.",
  "LimitExceeded.TooFrequentlyCalled": "This MariaDB API is being called too often. Try again shortly.",
  ResourceInUse: "The Tencent Cloud resource is in use.",
  ResourceInsufficient: "Tencent Cloud has insufficient resources for this request.",
  ResourceNotFound: "The Tencent Cloud resource was not found.",
  ResourceUnavailable: "The Tencent Cloud resource is unavailable.",
  FailedOperation: "Tencent Cloud could not complete the operation.",
  InternalError: "Tencent Cloud had an internal error. Try again later.",
  UnauthorizedOperation: "These Tencent Cloud credentials are not authorized for this operation.",
  "FailedOperation.CreateUserFailed": "The MariaDB instance failed to create the account.",
  "FailedOperation.OssOperationFailed": "Tencent Cloud's MariaDB management service failed to process the request.",
  "FailedOperation.DeleteUserFailed": "The MariaDB instance failed to delete the account.",
  "FailedOperation.ResetPasswordFailed": "The MariaDB instance failed to reset the account password.",
  "FailedOperation.ModifyRightFailed": "The MariaDB instance failed to change the account's privileges.",
  "InternalError.CamAuthFailed": "Tencent Cloud could not check the permissions (CAM) for this request. Try again later.",
  "InternalError.DbOperationFailed": "Tencent Cloud had an internal database error. Try again later.",
  "InternalError.GetUserListFailed": "Tencent Cloud could not read the instance's account list.",
  "InternalError.GetRightFailed": "Tencent Cloud could not read the account's privileges.",
  "InvalidParameter.CharacterError": "The password contains a character that is not allowed.",
  "InvalidParameter.GenericParameterError": "One of the parameters is not valid for this MariaDB instance.",
  "InvalidParameter.InstanceNotFound": "The MariaDB instance was not found.",
  "InvalidParameter.PermissionDenied": "These Tencent Cloud credentials may not act on this MariaDB instance.",
  "InvalidParameterValue.AccountAlreadyExists": "An account with this name and host already exists on this instance.",
  "InvalidParameterValue.SuperUserForbidden": "This is a reserved system account and cannot be created or changed.",
  "InvalidParameterValue.BadUserRight": "One of the requested privileges is not valid at this level.",
  "InvalidParameterValue.IllegalRightParam": "The privilege scope (database, type, object or column) is not valid.",
  "ResourceNotFound.AccountDoesNotExist": "The account (name and host) does not exist on this instance.",
  "ResourceNotFound.InstanceNotFound": "The MariaDB instance was not found.",
  "ResourceNotFound.NoInstanceFound": "No matching MariaDB instance was found.",
  "ResourceUnavailable.InstanceAlreadyDeleted": "The MariaDB instance has been deleted.",
  "ResourceUnavailable.InstanceHasBeenLocked": "The MariaDB instance is locked by another operation. Try again once it finishes.",
  "ResourceUnavailable.InstanceStatusAbnormal": "The MariaDB instance is not in a normal state, so accounts cannot be changed right now.",
  "UnauthorizedOperation.PermissionDenied": "These Tencent Cloud credentials lack the CAM permission for this operation.",
  "UnsupportedOperation.OldProxyVersion": "The instance's proxy version is too old for this operation. Upgrade it in the Tencent Cloud console.",
};

const HUAWEI: Record<string, string> = {
  "DBS.200022": "The database instance does not exist.",
  "DBS.05000000": "Huawei Cloud had a server error. Try again later.",
  "DBS.201028": "The TaurusDB database proxy no longer exists.",
  "DBS.200932": "Another operation is in progress on this instance. Try again once it finishes.",
  "DBS.200001": "Huawei Cloud rejected one of the parameters.",
  "APIGW.0301": "Huawei Cloud could not authenticate the request: the AK/SK or IAM credentials are wrong, or the token belongs to another region.",
  "APIGW.0302": "The Huawei Cloud credentials are not authorized for this API.",
  "APIGW.0303": "The console server's clock is more than 15 minutes off Huawei Cloud's time. Fix the server clock and try again.",
  "APIGW.0308": "Huawei Cloud is limiting the request rate. The console retries automatically; try again shortly.",
  // Not in the docs' tables, but returned by Huawei DBS services (and the emulator) for DDS users.
  "DBS.200002": "The DDS instance does not exist.",
  "DBS.200019": "The instance is not in a state that allows this operation (it must be running normally).",
  "DBS.200052": "The password does not meet DDS rules: 8-32 characters mixing upper and lower case letters, digits and ~!@#%^*-_=+?.",
  "DBS.201016": "A database user with this name already exists in this database.",
  "DBS.201017": "The database user does not exist.",
  "APIGW.0101": "This Huawei Cloud API does not exist at the configured endpoint.",
  "IAM.400": "Huawei Cloud IAM rejected the token request as malformed.",
  "IAM.401": "Huawei Cloud IAM rejected the account name, IAM user name or password.",
  "IAM.403": "This IAM user may not obtain a token for the project (or the account is restricted).",
  "IAM.404": "The IAM project or account was not found. Check the region and project.",
};

const BY_VENDOR: Record<Vendor, Record<string, string>> = { alibaba: ALIBABA, tencent: TENCENT, huawei: HUAWEI };

/** Every documented code with its message, for tests and documentation. */
export const DOCUMENTED_CODES: Readonly<Record<Vendor | "common", Readonly<Record<string, string>>>> = {
  common: COMMON,
  alibaba: ALIBABA,
  tencent: TENCENT,
  huawei: HUAWEI,
};

function byPrefix(vendor: Vendor, code: string): string | undefined {
  if (vendor === "alibaba") {
    if (code.startsWith("Throttling")) return ALIBABA.Throttling;
    if (/^Missing[A-Z]/.test(code)) return `A required parameter (${code.slice(7)}) was missing from the request to DMS.`;
    if (code.startsWith("InvalidParameter")) return ALIBABA.InvalidParameter;
    if (code.startsWith("Forbidden")) return ALIBABA["Forbidden.RAM"];
  }
  if (vendor === "tencent") {
    const category = code.split(".")[0] ?? code;
    return TENCENT[category];
  }
  if (vendor === "huawei") {
    if (code.startsWith("APIG.")) return HUAWEI[`APIGW.${code.slice(5)}`];
    if (code.startsWith("IAM.")) return "Huawei Cloud IAM could not issue a token for these credentials.";
  }
  return undefined;
}

function byStatus(httpStatus: number | undefined): string | undefined {
  if (httpStatus === undefined) return undefined;
  if (httpStatus === 401) return "The cloud provider rejected the credentials.";
  if (httpStatus === 403) return "The cloud credentials are not allowed to perform this operation.";
  if (httpStatus === 404) return "The cloud resource was not found.";
  if (httpStatus === 409) return "The cloud resource is busy or in a conflicting state. Try again later.";
  if (httpStatus === 429) return "The cloud provider is limiting the request rate. Try again shortly.";
  if (httpStatus >= 500) return "The cloud provider had a server error. Try again later.";
  return undefined;
}

/** The plain-language message for a vendor error code, falling back by code family and HTTP status. */
export function userMessageFor(vendor: Vendor, code: string, httpStatus?: number): string {
  return (
    COMMON[code] ??
    BY_VENDOR[vendor][code] ??
    byPrefix(vendor, code) ??
    byStatus(httpStatus) ??
    `The cloud provider returned an error (${code}).`
  );
}
