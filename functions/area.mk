# The build of one area, included by functions/<Area>/Makefile (the area is that file's folder).
#
# sam build runs `make build-<LogicalId>` once per function of the area's template, with
# ARTIFACTS_DIR set to that function's artifact folder; each target copies ONE executable
# `bootstrap` there (provided.al2023 runs it). The area's project holds all of its operations
# (Handler = operation = _HANDLER), so the area is published once per build into
# artifacts/<Area>/bootstrap and every function of the area copies that file. `sam build
# --parallel` runs several make processes at once: the publish is serialised with flock, and
# whoever gets the lock second finds the binary already up to date. samconfig.toml builds in
# source (build_in_source = true) so artifacts/ persists between targets.
#
#   make -f functions/Events/Makefile bootstrap                 publish the area's bootstrap
#   make -f functions/Events/Makefile build-GetEventFunction ARTIFACTS_DIR=d   what sam build runs
#   RID=linux-arm64 for Architecture=arm64 (needs an aarch64 cross toolchain); x64 is the default

AREA_DIR := $(patsubst %/,%,$(dir $(abspath $(firstword $(MAKEFILE_LIST)))))
AREA := $(notdir $(AREA_DIR))
ROOT := $(abspath $(AREA_DIR)/../..)

RID ?= linux-x64
CONFIGURATION ?= Release
DOTNET ?= dotnet
# Where each area's bootstrap is published (kept between builds: sam builds in source).
OUT ?= $(ROOT)/artifacts
BOOTSTRAP := $(OUT)/$(AREA)/bootstrap
# The native executable dotnet publish writes (functions/Directory.Build.props names the assembly).
ASSEMBLY := BitcoinEvents.$(AREA)

.DEFAULT_GOAL := bootstrap

# What the binary depends on: the repository-wide build settings, shared code, the area's code.
sources = $(shell find $(1) -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) \
	-not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null)
INPUTS := $(ROOT)/Directory.Build.props $(ROOT)/Directory.Packages.props $(ROOT)/global.json \
	$(ROOT)/functions/Directory.Build.props $(ROOT)/functions/StartupGenerics.rd.xml $(call sources,$(ROOT)/shared) $(call sources,$(AREA_DIR))

# The binary depends on RID and CONFIGURATION too: a stamp holding them is rewritten (only) when
# they change, so an arm64 build after an x64 one publishes again instead of copying the x64 binary.
# Only for goals that build, so `make help` writes nothing.
BUILD_SETTINGS := $(OUT)/$(AREA)/.build-settings
ifneq ($(filter build-% bootstrap $(BOOTSTRAP),$(or $(MAKECMDGOALS),bootstrap)),)
$(shell mkdir -p "$(OUT)/$(AREA)" && printf '%s %s\n' '$(RID)' '$(CONFIGURATION)' > "$(BUILD_SETTINGS).$$$$" \
	&& { cmp -s "$(BUILD_SETTINGS).$$$$" "$(BUILD_SETTINGS)" && rm -f "$(BUILD_SETTINGS).$$$$" \
	|| mv -f "$(BUILD_SETTINGS).$$$$" "$(BUILD_SETTINGS)"; })
endif

# The outer rule takes the area's lock and re-runs make for the same file with LOCKED=1, so a
# process that waited on the lock re-checks the timestamps and skips a publish that just finished.
ifeq ($(LOCKED),1)
$(BOOTSTRAP): $(INPUTS) $(BUILD_SETTINGS)
	rm -rf "$(OUT)/$(AREA)/publish"
	$(DOTNET) publish "$(AREA_DIR)/$(AREA).csproj" -c $(CONFIGURATION) -r $(RID) -p:PublishAot=true \
		-o "$(OUT)/$(AREA)/publish" --nologo
	install -m 0755 "$(OUT)/$(AREA)/publish/$(ASSEMBLY)" "$@.tmp"
	mv -f "$@.tmp" "$@"
else
$(BOOTSTRAP): $(INPUTS) $(BUILD_SETTINGS)
	@mkdir -p "$(OUT)/$(AREA)"
	flock "$(OUT)/$(AREA)/.publish.lock" $(MAKE) --no-print-directory -f "$(AREA_DIR)/Makefile" LOCKED=1 "$@"
endif

.PHONY: bootstrap help
bootstrap: $(BOOTSTRAP)
	@ls -l "$<"

# What sam build runs: checks the function is one of this area's template (a resource at its top
# level) before anything is built, then copies the area's bootstrap, and nothing else, into the
# function's folder.
build-%:
	@grep -Eq '^  $*:' "$(AREA_DIR)/template.yaml" \
		|| { echo "$* is not a function of $(AREA_DIR)/template.yaml" >&2; exit 2; }
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	@$(MAKE) --no-print-directory -f "$(AREA_DIR)/Makefile" "$(BOOTSTRAP)"
	mkdir -p "$(ARTIFACTS_DIR)"
	install -m 0755 "$(BOOTSTRAP)" "$(ARTIFACTS_DIR)/bootstrap"

help:
	@echo "make -f $(AREA_DIR)/Makefile bootstrap                              publish $(BOOTSTRAP) (RID=$(RID))"
	@echo "make -f $(AREA_DIR)/Makefile build-<LogicalId> ARTIFACTS_DIR=<dir>  what sam build runs for one function"
