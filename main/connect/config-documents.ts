import type { ConfigDocument } from './config-document';
import { jsonDocument } from './json-document';
import { tomlDocument } from './toml-document';

export { UneditableConfigError, UnreadableConfigError, valueAt, type ConfigDocument } from './config-document';

export function documentFor(format: 'json' | 'toml'): ConfigDocument {
  return format === 'json' ? jsonDocument : tomlDocument;
}
