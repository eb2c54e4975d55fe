/**
 * The Temporal Web UI as an operator uses it, in real Chromium: open one workflow's page and read
 * what it shows (status, decoded input). Kept apart from how the workflow is found, so a test can
 * find it another way (a search attribute query the support tool prints) and then open it here.
 */
import type { Page } from 'playwright-core';

export interface WorkflowPageView {
  /** The status badge: Running, Completed, Failed, ... */
  status: string;
  /** The text of the Input and Results cards, as the page renders it (decoded by the codec server). */
  inputAndResults: string;
  /** The whole page's text. */
  text: string;
}

/** The URL of a workflow's page in the Web UI. */
export function workflowPageUrl(uiUrl: string, namespace: string, workflowId: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * Opens the workflow's page and waits until the codec server has answered for it (the page's
 * payloads were posted to `<codecUrl>/decode` and the answer rendered).
 */
export async function openWorkflow(
  page: Page,
  options: { uiUrl: string; codecUrl: string; namespace: string; workflowId: string },
): Promise<WorkflowPageView> {
  const decoded = page.waitForResponse(
    (response) => response.url().startsWith(`${options.codecUrl}/decode`) && response.request().method() === 'POST',
  );
  await page.goto(workflowPageUrl(options.uiUrl, options.namespace, options.workflowId));
  const response = await decoded;
  if (response.status() !== 200)
    throw new Error(`The codec server answered ${response.status()}: ${await response.text()}`);
  return readWorkflowPage(page);
}

/** What the workflow page shows now: once its Input card has rendered decoded JSON. */
export async function readWorkflowPage(page: Page): Promise<WorkflowPageView> {
  const inputAndResults = page.getByTestId('input-and-result').first();
  // The decoded input is rendered as JSON: wait until a JSON key of ours shows in it.
  await inputAndResults.getByText('"applicant"').first().waitFor();
  const status = (await page.getByTestId('execution-status').first().textContent())?.trim() ?? '';
  const text = (await page.locator('body').textContent()) ?? '';
  return { status, inputAndResults: (await inputAndResults.textContent()) ?? '', text };
}

/**
 * On the workflow's page: the Event History tab, with the update `updateName` expanded to show its
 * decoded arguments (the Web UI decodes them through the codec server when the row opens).
 * Returns the page's text once the arguments show.
 */
export async function openUpdateInHistory(page: Page, updateName: string): Promise<string> {
  await page.getByTestId('history-tab').click();
  await page.getByText(updateName, { exact: true }).first().click();
  const request = page.getByText(`"${updateName}"`).first();
  await request.waitFor();
  await page.getByText('"payloads"').first().waitFor();
  // Into view, for a screenshot of it (the page scrolls inside its own pane).
  await request.scrollIntoViewIfNeeded();
  return (await page.locator('body').textContent()) ?? '';
}
