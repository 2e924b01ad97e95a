// Shared UI primitives (also used by the admin area): keep these APIs small and stable.
export { Button, ButtonLink, buttonClass, type ButtonProps, type ButtonVariant } from "./Button";
export { ConfirmDialog, Dialog, type ConfirmDialogProps, type DialogProps } from "./Dialog";
export { errorInfo, isUnauthorized, type ApiErrorInfo } from "./errors";
export {
  formatCountdown,
  formatDuration,
  formatList,
  formatLocalDate,
  formatMoney,
  localDateParts,
  LOCALE,
} from "./format";
export { cx } from "./cx";
export { plural, pluralWord, type PluralForms } from "./plural";
export { SearchField } from "./SearchField";
export { Loading, Skeleton } from "./Skeleton";
export { TextField, type TextFieldProps } from "./TextField";
