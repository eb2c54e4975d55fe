/**
 * Failure messages and stack traces go through the payload codec too (encrypted in history), so
 * a database or driver error that quotes a value cannot leak it. The failure `type`
 * (SharedSecretIncorrect, WrongStep, ...) stays readable for operators.
 *
 * Loaded by path (client, worker and the workflow bundle): see createDataConverter.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
