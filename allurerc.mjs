// Allure 3 (npm "allure") configuration for `make report`: one self-contained HTML file, named
// after the product whose contract the run used, with its history carried over between runs.
// `cutover allure-report` sets both variables (see harness/reports/allure_report.py).
const name = process.env.CUTOVER_REPORT_NAME || "V1 -> V3 cutover";

export default {
  name,
  output: "reports/allure-report",
  // Allure appends each generated report's results here and reads the earlier ones back, so
  // trends and per-test history survive across runs (keep or restore this file in CI).
  historyPath: process.env.CUTOVER_ALLURE_HISTORY || "reports/allure-history.jsonl",
  plugins: {
    awesome: {
      options: { singleFile: true, reportName: name },
    },
  },
};
