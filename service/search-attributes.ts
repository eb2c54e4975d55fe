import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CERS_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/**
 * Registers the operators' search attributes when the namespace lacks them (an external cluster's
 * first start). Where the API refuses (Temporal Cloud registers them in its console or with
 * `tcld`), the error names the attributes to create.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = CERS_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
      ),
    });
  } catch (error) {
    throw new Error(
      `Search attributes ${missing.map((k) => k.name).join(', ')} are missing in namespace "${namespace}" and could not be created (${(error as Error).message}). ` +
        `Create them as Keyword: temporal operator search-attribute create --namespace ${namespace} ${missing.map((k) => `--name ${k.name} --type Keyword`).join(' ')}`,
    );
  }
  return missing.map((k) => k.name);
}
