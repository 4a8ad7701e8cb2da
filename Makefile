# Builds the Lambda functions of template.yaml for `sam build` (Metadata: BuildMethod: makefile).
#
# SAM runs `make build-<LogicalId>` once per function, with ARTIFACTS_DIR set to that function's
# artifact folder; each target copies ONE executable `bootstrap` there (provided.al2023 runs it).
# An area's project holds all of its operations (template Handler = operation = _HANDLER), so the
# area is published once per build into artifacts/<Area>/bootstrap and every function of the area
# copies that file. `sam build --parallel` runs several make processes at once: the publish is
# serialised with flock, and whoever gets the lock second finds the binary already up to date.
# samconfig.toml builds in source (build_in_source = true) so artifacts/ persists between targets.
#
#   make events                                  publish the Events area's bootstrap
#   make build-GetEventFunction ARTIFACTS_DIR=d  what sam build runs
#   make RID=linux-arm64 ...                     for Architecture=arm64; needs an aarch64 cross
#                                                toolchain (clang + aarch64 binutils/sysroot, or
#                                                an arm64 build machine); x64 is the default
#   make clean

RID ?= linux-x64
CONFIGURATION ?= Release
DOTNET ?= dotnet

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
# Where each area's bootstrap is published (kept between builds: sam builds in source).
OUT ?= $(ROOT)/artifacts

.DEFAULT_GOAL := help

# Inputs every area's binary depends on: shared code and the repository-wide build settings.
SHARED_INPUTS := $(ROOT)/Directory.Build.props $(ROOT)/Directory.Packages.props $(ROOT)/global.json \
	$(shell find $(ROOT)/shared -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) \
		-not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null)

area_inputs = $(shell find $(ROOT)/functions/$(1) -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) \
	-not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null)

# The binaries depend on RID and CONFIGURATION too: a stamp holding them is rewritten (only) when
# they change, so `make RID=linux-arm64` after an x64 build publishes again instead of copying
# the x64 binary. Only for goals that build, so `make help` and `make clean` write nothing.
BUILD_SETTINGS := $(OUT)/.build-settings
ifneq ($(filter build-% events $(OUT)/%,$(MAKECMDGOALS)),)
$(shell mkdir -p "$(OUT)" && printf '%s %s\n' '$(RID)' '$(CONFIGURATION)' > "$(BUILD_SETTINGS).$$$$" \
	&& { cmp -s "$(BUILD_SETTINGS).$$$$" "$(BUILD_SETTINGS)" && rm -f "$(BUILD_SETTINGS).$$$$" \
	|| mv -f "$(BUILD_SETTINGS).$$$$" "$(BUILD_SETTINGS)"; })
endif

# ------------------------------------------------------------------ areas and their functions
# Every AWS::Serverless::Function of template.yaml is listed under its area (tests/Template.Tests
# checks that this Makefile has a build-<LogicalId> target for each of them).

EVENTS_FUNCTIONS := \
	CreateEventFunction \
	UpdateEventFunction \
	PublishEventFunction \
	CancelEventFunction \
	GetEventFunction \
	ListEventsFunction \
	ListOrganizerEventsFunction \
	GetOrganizerEventFunction \
	CreateCoverImageUploadFunction \
	CompleteEndedEventsFunction

# area name, project path, assembly name (the native executable dotnet publish writes).
EVENTS_PROJECT := functions/Events/Events.csproj
EVENTS_ASSEMBLY := BitcoinEvents.Events

# ------------------------------------------------------------------ publish, once per area

# $(1) = area folder (Events), $(2) = project, $(3) = assembly name.
# The outer rule takes the area's lock and re-runs make for the same file with LOCKED=1, so a
# process that waited on the lock re-checks the timestamps and skips a publish that just finished.
define area_rules
ifeq ($$(LOCKED),1)
$$(OUT)/$(1)/bootstrap: $$(SHARED_INPUTS) $$(call area_inputs,$(1)) $$(BUILD_SETTINGS)
	rm -rf "$$(OUT)/$(1)/publish"
	$$(DOTNET) publish "$$(ROOT)/$(2)" -c $$(CONFIGURATION) -r $$(RID) -p:PublishAot=true \
		-o "$$(OUT)/$(1)/publish" --nologo
	install -m 0755 "$$(OUT)/$(1)/publish/$(3)" "$$(OUT)/$(1)/bootstrap.tmp"
	mv -f "$$(OUT)/$(1)/bootstrap.tmp" "$$@"
else
$$(OUT)/$(1)/bootstrap: $$(SHARED_INPUTS) $$(call area_inputs,$(1)) $$(BUILD_SETTINGS)
	@mkdir -p "$$(OUT)/$(1)"
	flock "$$(OUT)/$(1)/.publish.lock" $$(MAKE) --no-print-directory -f "$$(ROOT)/Makefile" LOCKED=1 "$$@"
endif
endef

$(eval $(call area_rules,Events,$(EVENTS_PROJECT),$(EVENTS_ASSEMBLY)))

# ------------------------------------------------------------------ sam build targets

# Copies the area's bootstrap, and nothing else, into the function's artifact folder.
define copy_bootstrap
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	mkdir -p "$(ARTIFACTS_DIR)"
	install -m 0755 "$<" "$(ARTIFACTS_DIR)/bootstrap"
endef

$(addprefix build-,$(EVENTS_FUNCTIONS)): build-%: $(OUT)/Events/bootstrap
	$(copy_bootstrap)

# ------------------------------------------------------------------ conveniences

.PHONY: help events clean $(addprefix build-,$(EVENTS_FUNCTIONS))

help:
	@echo "make events                                   publish artifacts/Events/bootstrap (RID=$(RID))"
	@echo "make build-<LogicalId> ARTIFACTS_DIR=<dir>    what sam build runs for one function"
	@echo "make clean                                    remove artifacts/"

events: $(OUT)/Events/bootstrap
	@ls -l "$<"

clean:
	rm -rf "$(OUT)"
