// Allure 3 (npm "allure") configuration for `make report`: one self-contained HTML file.
export default {
  name: "cutover",
  output: "reports/allure-report",
  plugins: {
    awesome: {
      options: { singleFile: true, reportName: "cutover: V1 -> V3 cutover suite" },
    },
  },
};
