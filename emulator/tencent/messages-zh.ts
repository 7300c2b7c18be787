import { quoted, type ZhMessage } from "../language";

/** What Tencent Cloud says in Chinese (X-TC-Language: zh-CN) for the errors the emulator returns. */
export const TENCENT_ZH: Readonly<Record<string, ZhMessage>> = {
  UnsupportedProtocol: "接口仅接受带 JSON 请求体的 POST 请求，或查询串为表单编码的 GET 请求。",
  RequestSizeLimitExceeded: "请求包超过限制大小。",
  "AuthFailure.InvalidAuthorization": "请求头部的 Authorization 缺失或不符合 TC3-HMAC-SHA256 规范。",
  "AuthFailure.SecretIdNotFound": "密钥不存在。请在控制台检查密钥是否已被删除或者禁用，如状态正常，请检查密钥是否填写正确，注意前后不得有空格。",
  "AuthFailure.SignatureExpire": "签名过期。Timestamp 和服务器时间相差不得超过五分钟，请检查本地时间是否和标准时间同步。",
  "AuthFailure.SignatureFailure": "请求签名验证失败，请检查您的签名计算是否正确。",
  MissingParameter: (en) => (quoted(en) ? `缺少参数错误，请求缺少必要参数 \`${quoted(en)}\`。` : "缺少参数错误。"),
  UnknownParameter: (en) => (quoted(en) ? `未知参数错误，参数 \`${quoted(en)}\` 无法识别。` : "未知参数错误。"),
  InvalidParameter: (en) => (quoted(en) ? `参数错误，参数 \`${quoted(en)}\` 的类型或取值无效。` : "参数错误。"),
  NoSuchVersion: (en) => (quoted(en) ? `接口版本 \`${quoted(en)}\` 不存在。` : "接口版本不存在。"),
  InvalidAction: (en) => (quoted(en) ? `接口 \`${quoted(en)}\` 不存在。` : "接口不存在。"),
  UnsupportedRegion: (en) => (quoted(en) ? `接口不支持所传地域 \`${quoted(en)}\`。` : "接口不支持所传地域。"),
  RequestLimitExceeded: "请求的次数超过了频率限制。",
  InternalError: "内部错误。",
  InvalidParameterValue: "参数取值错误。",
  "InvalidParameter.GenericParameterError": "参数校验失败，请检查参数格式和取值。",
  "InvalidParameter.CharacterError": "密码中包含非法字符。",
  "InvalidParameterValue.SuperUserForbidden": "不允许操作系统用户。",
  "InvalidParameterValue.AccountAlreadyExists": "待创建的账号已存在。",
  "ResourceNotFound.NoInstanceFound": "未找到实例。",
  "ResourceNotFound.AccountDoesNotExist": (en) => {
    const account = /^The account (.+) does not exist\.$/.exec(en)?.[1];
    return account ? `账号 ${account} 不存在。` : "账号不存在。";
  },
  "ResourceUnavailable.InstanceAlreadyDeleted": "数据库实例已被删除。",
  "ResourceUnavailable.InstanceStatusAbnormal": "数据库实例状态不正确，不允许操作。",
  UnsupportedOperation: "不支持该操作。",
};
