// Checks every page test shares: accessibility (axe), layout at a width, colour scheme, screenshots.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** Screenshots a reviewer should look at (git-ignored). */
export const SCREENSHOTS = path.join(__dirname, "screenshots");

/** Serious and critical axe findings, one line per rule and element, so a failure says what to fix. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — ${n.target.join(" ")}\n    ${n.failureSummary ?? ""}`),
    );
}

/** WCAG relative luminance of the body's background, via a canvas so any CSS colour syntax works. */
export function bodyBackgroundLuminance(page: Page): Promise<{ css: string; luminance: number }> {
  return page.evaluate(() => {
    const css = getComputedStyle(document.body).backgroundColor;
    const ctx = document.createElement("canvas").getContext("2d");
    if (!ctx) throw new Error("no 2d canvas");
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return { css, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
  });
}
