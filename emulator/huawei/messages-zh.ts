import { after, type ZhMessage } from "../language";

/** What Huawei Cloud says in Chinese (X-Language: zh-cn) for the errors the emulator returns. */
export const HUAWEI_ZH: Readonly<Record<string, ZhMessage>> = {
  "APIGW.0101": "API 不存在或尚未在该环境中发布。",
  // The detail after the lead (e.g. the canonical request) is the gateway's own debugging aid: kept as is.
  "APIGW.0301": (en) => `IAM 认证信息错误：${after(en, "Incorrect IAM authentication information: ")}`,
  "APIGW.0302": "IAM 用户没有访问该 API 的权限。",
  "APIGW.0303": "应用认证信息错误：请求时间（X-Sdk-Date）与网关时间相差超过 15 分钟。",
  "APIGW.0308": "已达到流控阈值，请稍后再试。",
  "DBS.200001": (en) => `参数错误：${after(en, "Parameter error: ")}`,
  "DBS.200002": "实例不存在。",
  "DBS.200019": "当前实例状态不允许执行该操作。",
  "DBS.200022": "实例不存在。",
  "DBS.200052": "密码无效：长度为 8~32 个字符，须组合大写字母、小写字母、数字和特殊字符 ~!@#%^*-_=+?()$",
  "DBS.201016": "数据库用户已存在。",
  "DBS.201017": "数据库用户不存在。",
  "DBS.201028": "数据库代理不存在。",
  "DBS.05000000": "服务器错误。",
};
