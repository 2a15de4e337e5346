# llm-roi: `make run` serves the calculator, `make test` runs every test.
# Both first run scripts/setup.sh, which installs what is missing: the build
# tools for `run`, and Chromium and Playwright as well for `test`.

ADDR ?= 127.0.0.1:3000
# No incremental cache: `make` builds once (CI, a fresh clone), and the
# cache would take a third of target/ on disk for nothing.
export CARGO_INCREMENTAL ?= 0
HYDRATE := --lib --target wasm32-unknown-unknown --no-default-features --features hydrate

.PHONY: setup setup-test build run check-pricing archive-pricing import-prices diff-prices test test-rust lint test-e2e bench bench-history bench-http bench-hostile screenshot clean

## The build tools only (wasm target, wasm-bindgen, wasm-opt, esbuild).
setup:
	bash scripts/setup.sh run

## The build tools, Chromium and Playwright.
setup-test:
	bash scripts/setup.sh test

## The server in target/release and the site in target/site (scripts/build.sh).
build: setup
	scripts/build.sh

## Build in release mode and serve on http://$(ADDR).
run: build
	./target/release/llm-roi --addr $(ADDR)

## Validate pricing/ without serving.
check-pricing:
	cargo run --quiet --features ssr -- check pricing

## Add the current pricebook to pricing/history/ (commit it with price changes).
archive-pricing:
	cargo run --quiet --features ssr -- archive

## The day the committed price sources are read as of (the import date).
PRICES_DAY ?= 2026-12-01
GENAI_PRICES := pricing/sources/genai-prices-0.2.3.json
LITELLM := pricing/sources/litellm-1.110.2.json

## Rewrite the official providers' files from the committed genai-prices data
## (retirements from LiteLLM), adding every text model they list that the
## files lack, keeping hand-written content; then archive.
import-prices:
	cargo run --quiet --features ssr -- --today $(PRICES_DAY) prices import --from genai-prices $(GENAI_PRICES) --lifecycle $(LITELLM) --add-all
	cargo run --quiet --features ssr -- archive

## Every price where pricing/ and the databases disagree (exit 1 on any).
diff-prices:
	cargo run --quiet --features ssr -- --today $(PRICES_DAY) prices diff --against genai-prices $(GENAI_PRICES)
	cargo run --quiet --features ssr -- --today $(PRICES_DAY) prices diff --against litellm $(LITELLM)

## Every test: formatting and lints, Rust unit and integration tests, then
## Playwright in Chromium against the release build.
test: setup-test lint test-rust build test-e2e

lint:
	cargo fmt --all --check
	cargo clippy --workspace --features llm-roi/ssr --all-targets -- -D warnings
	cargo clippy $(HYDRATE) -- -D warnings
	# Each bundle alone, as scripts/build.sh builds it (a few seconds each).
	for b in calculator probe report; do \
		cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate-base,bundle-$$b -- -D warnings || exit 1; \
	done

## The store's tests run on SQLite and on a throwaway PostgreSQL. `--tests`
## leaves out the examples, which plain `cargo test` links (about 2.7 GB each
## in a debug build; clippy still checks them, and test-e2e builds the mocks);
## the doc tests run apart.
test-rust:
	scripts/with-postgres.sh cargo test --workspace --features llm-roi/ssr --tests
	cargo test --workspace --features llm-roi/ssr --doc

test-e2e:
	cargo build --features ssr --example probe_mocks
	cd end2end && npx playwright test

## The release server against nginx with wrk, sizes and render time; figures, no asserts.
bench-http: build
	scripts/bench-http.sh

## Peak memory of the release server under hostile 50 MiB usage uploads,
## each alone and four at once; figures, no asserts.
bench-hostile: build
	scripts/bench-hostile.sh

## The probe history's size per 10,000 runs and its 7-day query time, on
## SQLite and a throwaway PostgreSQL; figures, no asserts.
bench-history:
	scripts/with-postgres.sh cargo run --release --features ssr --example probe_history_bench

## Chart render time (median of 200 renders per chart); figures, no asserts.
bench:
	cargo bench --features ssr --bench charts

## docs/calculator.png (desktop) and docs/calculator-phone.png from the release build.
screenshot: build
	cd end2end && node screenshot.mjs

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
