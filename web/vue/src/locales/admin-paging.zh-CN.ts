// Texts of the admin console's server-paged lists (docs/admin-paging.md).
export default {
  paging: {
    devices: "按设备名称或教室搜索",
    people: "共 {n} 个账号",
    recordings: "共 {n} 段录像",
    pageOf: "第 {page} / {pages} 页",
  },
};
