/** The request schema's standalone validator (compiled/schema/request-validator.cjs), as the page's build names it. */
declare module 'virtual:request-validator' {
  import type { ValidateFunction } from 'ajv';
  const validate: ValidateFunction;
  export default validate;
}

/** The site's configuration, written into the bundle by its build (web/site.json, overridable at build). */
declare const SITE: { repository: string; branch: string };

/** react-jsonschema-form's validators of the form's schema, compiled by the page's build. */
declare module 'virtual:form-validators' {
  import type { ValidatorFunctions } from '@rjsf/validator-ajv8/lib/types.js';
  const validators: ValidatorFunctions;
  export default validators;
}
