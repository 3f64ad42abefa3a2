// The Element Plus components the admin console uses, each imported on its own with its own CSS
// (docs/admin-console.md): the whole library is ~320 KB gzip, this page needs a fraction of it.
// Import them from here, never from "element-plus", so the bundle holds only what is listed.
import "element-plus/es/components/alert/style/css";
import "element-plus/es/components/button/style/css";
import "element-plus/es/components/config-provider/style/css";
import "element-plus/es/components/date-picker/style/css";
import "element-plus/es/components/dialog/style/css";
import "element-plus/es/components/form/style/css";
import "element-plus/es/components/form-item/style/css";
import "element-plus/es/components/input/style/css";
import "element-plus/es/components/input-number/style/css";
import "element-plus/es/components/option/style/css";
import "element-plus/es/components/pagination/style/css";
import "element-plus/es/components/progress/style/css";
import "element-plus/es/components/select/style/css";
import "element-plus/es/components/switch/style/css";
import "element-plus/es/components/table/style/css";
import "element-plus/es/components/table-column/style/css";
import "element-plus/es/components/tag/style/css";

export { ElAlert } from "element-plus/es/components/alert/index";
export { ElButton } from "element-plus/es/components/button/index";
export { ElConfigProvider } from "element-plus/es/components/config-provider/index";
export { ElDatePicker } from "element-plus/es/components/date-picker/index";
export { ElDialog } from "element-plus/es/components/dialog/index";
export { ElForm, ElFormItem } from "element-plus/es/components/form/index";
export { ElInput } from "element-plus/es/components/input/index";
export { ElInputNumber } from "element-plus/es/components/input-number/index";
export { ElPagination } from "element-plus/es/components/pagination/index";
export { ElProgress } from "element-plus/es/components/progress/index";
export { ElOption, ElSelect } from "element-plus/es/components/select/index";
export { ElSwitch } from "element-plus/es/components/switch/index";
export { ElTable, ElTableColumn } from "element-plus/es/components/table/index";
export { ElTag } from "element-plus/es/components/tag/index";
export { default as elementEn } from "element-plus/es/locale/lang/en";
export { default as elementZhCn } from "element-plus/es/locale/lang/zh-cn";
