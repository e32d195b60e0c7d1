/** JSON safe inside a <script> element. */
export function embed(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

import { CJK_FAMILY, CJK_FONT_FACE_SLOT } from "./font-subset.js";

/** The style the sweep, fit, recommend and watch reports share (a page of tables and a grid of charts), with the room for the embedded CJK font (withCjkFont fills it). */
export const SUMMARY_PAGE_STYLE = `${CJK_FONT_FACE_SLOT}
body { font: 14px/1.45 "${CJK_FAMILY}", system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1d2330; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 26px; border-bottom: 1px solid #dde; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 16px; }
.chart { border: 1px solid #e4e6ef; border-radius: 6px; padding: 8px; } .chart h3 { font-size: 13px; margin: 0 0 4px; }
.chart canvas { width: 100% !important; height: 260px !important; }
table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid #dde; padding: 3px 6px; text-align: right; } th { background: #f5f6fa; }`;
