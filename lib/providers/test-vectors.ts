/**
 * Signing test vectors from docs/providers.md section 5, as plain data so that both the console's
 * signers and the emulator's independent verifiers can be pinned to them. "official" vectors are
 * published by the vendor; "derived" ones were computed for our own APIs and cross-checked against
 * the vendor SDKs. Newlines inside canonical requests and strings-to-sign are real "\n" characters.
 */

export const ALIBABA_RPC_V1_OFFICIAL = {
  source: "official",
  accessKeySecret: "testsecret",
  params: {
    AccessKeyId: "testid",
    Action: "DescribeRegions",
    Format: "XML",
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    SignatureVersion: "1.0",
    Timestamp: "2016-02-23T12:46:24Z",
    Version: "2014-05-26",
  },
  stringToSignGet:
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
  signatureGet: "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
  /** Same inputs signed for POST (derived, agreed by two unrelated public implementations). */
  signaturePost: "MxbnVAM4w6sft9xjVpe/GCKueuk=",
} as const;

export const ALIBABA_RPC_V1_DMS_CREATE_PROXY_ACCESS = {
  source: "derived",
  accessKeySecret: "testsecret",
  params: {
    AccessKeyId: "testid",
    Action: "CreateProxyAccess",
    Format: "JSON",
    IndepAccount: "dbuser",
    IndepPassword: "P@ss word1",
    ProxyId: "1",
    RegionId: "cn-hangzhou",
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    SignatureVersion: "1.0",
    Tid: "3",
    Timestamp: "2016-02-23T12:46:24Z",
    UserId: "51",
    Version: "2018-11-01",
  },
  canonicalizedQuery:
    "AccessKeyId=testid&Action=CreateProxyAccess&Format=JSON&IndepAccount=dbuser&IndepPassword=P%40ss%20word1&ProxyId=1&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Tid=3&Timestamp=2016-02-23T12%3A46%3A24Z&UserId=51&Version=2018-11-01",
  signatureGet: "LUaQwXwIQwJYbT3gBbb3wxm51lY=",
  signaturePost: "nTCBQpd8JzqjpC5FO7n/p2fm9YY=",
} as const;

export const ALIBABA_ACS3_OFFICIAL = {
  source: "official",
  accessKeyId: "YourAccessKeyId",
  accessKeySecret: "YourAccessKeySecret",
  method: "POST",
  host: "ecs.cn-shanghai.aliyuncs.com",
  action: "RunInstances",
  version: "2014-05-26",
  date: "2023-10-26T10:22:32Z",
  nonce: "3156853299f313e23d1673dc12e1703d",
  query: {
    ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
    RegionId: "cn-shanghai",
  },
  body: "",
  canonicalRequest: [
    "POST",
    "/",
    "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
    "host:ecs.cn-shanghai.aliyuncs.com",
    "x-acs-action:RunInstances",
    "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "x-acs-date:2023-10-26T10:22:32Z",
    "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d",
    "x-acs-version:2014-05-26",
    "",
    "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  ].join("\n"),
  hashedCanonicalRequest: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
  signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
  authorization:
    "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
} as const;

export const ALIBABA_ACS3_DMS_CREATE_PROXY_ACCESS = {
  source: "derived",
  accessKeyId: "YourAccessKeyId",
  accessKeySecret: "YourAccessKeySecret",
  method: "POST",
  host: "dms-enterprise.cn-hangzhou.aliyuncs.com",
  action: "CreateProxyAccess",
  version: "2018-11-01",
  date: "2023-10-26T10:22:32Z",
  nonce: "3156853299f313e23d1673dc12e1703d",
  query: { IndepAccount: "dbuser", IndepPassword: "P@ss word1", ProxyId: "1", Tid: "3", UserId: "51" },
  canonicalQuery: "IndepAccount=dbuser&IndepPassword=P%40ss%20word1&ProxyId=1&Tid=3&UserId=51",
  body: "",
  signature: "293f133d61f5ef3dad5c6173e569ea9c5b7c7a3bcf6d74cf6d0d42b2d47e4993",
} as const;

export const TENCENT_TC3_OFFICIAL = {
  source: "official",
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  host: "cvm.tencentcloudapi.com",
  service: "cvm",
  action: "DescribeInstances",
  version: "2017-03-12",
  region: "ap-guangzhou",
  timestamp: 1551113065,
  date: "2019-02-25",
  contentType: "application/json; charset=utf-8",
  /** Exact bytes: the \u sequences are six literal ASCII characters each. */
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  payloadHash: "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
  canonicalRequest: [
    "POST",
    "/",
    "",
    "content-type:application/json; charset=utf-8",
    "host:cvm.tencentcloudapi.com",
    "",
    "content-type;host",
    "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
  ].join("\n"),
  hashedCanonicalRequest: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
  stringToSign: [
    "TC3-HMAC-SHA256",
    "1551113065",
    "2019-02-25/cvm/tc3_request",
    "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
  ].join("\n"),
  secretDate: "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a",
  secretService: "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050",
  secretSigning: "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1",
  signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
  authorization:
    "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
} as const;

export const TENCENT_V1_OFFICIAL = {
  source: "official",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  method: "GET",
  host: "cvm.tencentcloudapi.com",
  path: "/",
  params: {
    Action: "DescribeInstances",
    "InstanceIds.0": "ins-09dx96dg",
    Limit: "20",
    Nonce: "11886",
    Offset: "0",
    Region: "ap-guangzhou",
    SecretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    Timestamp: "1465185768",
    Version: "2017-03-12",
  },
  sourceString:
    "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12",
  signature: "EliP9YW3pW28FpsEdkXt/+WcGeI=",
} as const;

export const TENCENT_TC3_MARIADB_CREATE_ACCOUNT = {
  source: "derived",
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  host: "mariadb.tencentcloudapi.com",
  service: "mariadb",
  contentType: "application/json",
  timestamp: 1700000000,
  date: "2023-11-14",
  body: '{"InstanceId":"tdsql-ow728lmc","UserName":"testuser1","Host":"%","Password":"Abcd1234!","ReadOnly":0}',
  signature: "3fdcf6db98a0fddb5c8fc52e3e240f612bbe7bd3232b426aae1e833e7b8ad648",
} as const;

export const HUAWEI_AKSK_OFFICIAL = {
  source: "official",
  ak: "QTWAOYTTINDUT2QVKYUC",
  sk: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
  method: "GET",
  url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?marker=13551d6b-755d-4757-b956-536f674975c0&limit=2",
  headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
  body: "",
  canonicalRequest: [
    "GET",
    "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
    "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    "content-type:application/json",
    "host:service.region.example.com",
    "x-sdk-date:20191115T033655Z",
    "",
    "content-type;host;x-sdk-date",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  ].join("\n"),
  hashedCanonicalRequest: "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
  stringToSign:
    "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
  signature: "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
  authorization:
    "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
} as const;

export const HUAWEI_AKSK_TAURUS_SWITCH = {
  source: "derived",
  ak: "QTWAOYTTINDUT2QVKYUC",
  sk: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
  method: "POST",
  url: "https://gaussdb.cn-north-4.myhuaweicloud.com/v3/0123456789abcdef0123456789abcdef/instances/61a4ea66210545909d74a05c27a7179ein07/proxy/e87088f0b6a345e79db19d57c41fde15po01/access-control-switch",
  headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" },
  body: '{"open_access_control":true}',
  signedHeaders: "content-type;host;x-sdk-date",
  signature: "bbe0e4dc932583055fa635fb020d65f04d0dc7382a592caff7e747f02a77809e",
} as const;
