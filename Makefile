# recipe-console: `make run` opens the upload recipe on the embedded sandbox; `make test` runs
# the whole suite. Both install missing Debian packages first when run as root.

SWIFT        ?= swift
DEBIAN_PKGS  := libncurses-dev libcmark-dev libsqlite3-dev duktape-dev libxml2-dev tmux python3-venv curl time jq chromium ffmpeg
VENV         := .venv-kaltura
PYTHON_PKGS  := kalturaapiclient==23.10.0 lxml pycryptodome requests-toolbelt kaltura-uploader==0.1.3
RECIPE       ?= recipes/upload.md
ARGS         ?=
# make install: the binary, bash/zsh/fish completions and a man page under $(DESTDIR)$(PREFIX).
PREFIX       ?= /usr/local
DESTDIR      ?=
CONFIGURATION ?= release

.PHONY: all deps venv build release run test lint format bench clean install uninstall

all: build

deps:
	@missing=""; for p in $(DEBIAN_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# The official Kaltura Python client, used by the sandbox conformance tests.
venv: $(VENV)/.ready
$(VENV)/.ready: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q $(PYTHON_PKGS)
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product recipe-console

run: release
	.build/release/recipe-console $(RECIPE) $(ARGS)

test: deps venv
	$(SWIFT) build --build-tests
	RECIPE_CONSOLE_PYTHON=$(CURDIR)/$(VENV)/bin/python $(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks

bench: deps venv
	$(SWIFT) build -c release --product recipe-console
	$(SWIFT) build -c release --product recipe-console-bench
	RECIPE_CONSOLE_PYTHON=$(CURDIR)/$(VENV)/bin/python .build/release/recipe-console-bench

# The man page comes from the commands' own help, through swift-argument-parser's
# generate-manual plugin (offline: it builds from the checked-out package).
install: deps
	$(SWIFT) build -c $(CONFIGURATION) --product recipe-console
	$(SWIFT) package generate-manual --configuration $(CONFIGURATION)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/$(CONFIGURATION)/recipe-console $(DESTDIR)$(PREFIX)/bin/recipe-console
	install -m 644 .build/plugins/GenerateManual/outputs/recipe-console/recipe-console.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/recipe-console.1
	.build/$(CONFIGURATION)/recipe-console --generate-completion-script bash \
	  > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/recipe-console
	.build/$(CONFIGURATION)/recipe-console --generate-completion-script zsh \
	  > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_recipe-console
	.build/$(CONFIGURATION)/recipe-console --generate-completion-script fish \
	  > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/recipe-console.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/recipe-console $(DESTDIR)$(PREFIX)/share/man/man1/recipe-console.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/recipe-console \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_recipe-console \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/recipe-console.fish

clean:
	rm -rf .build $(VENV)
