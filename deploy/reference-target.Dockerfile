# The embedded reference target as an image, so the whole kind job can be tried without the real
# product. It runs in its form-login mode: one user per role (named by the role id), passwords
# from REFERENCE_PASSWORD_<ROLE> (a Kubernetes Secret in deploy/k8s/). Build from the repo root:
#   docker build -f deploy/reference-target.Dockerfile -t cutover-reference:ci .
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY contracts ./contracts
COPY harness ./harness
COPY pages ./pages
COPY reference_target ./reference_target
RUN pip install --no-cache-dir . && useradd --uid 10001 app
USER 10001
EXPOSE 8080
CMD ["python", "-m", "reference_target", "--host", "0.0.0.0", "--port", "8080", "--login"]
