# Conveniences around the areas' own Makefiles (functions/<Area>/Makefile, which sam build runs
# for every function of functions/<Area>/template.yaml; see functions/area.mk).
#
#   make areas                  publish every area's bootstrap into artifacts/<Area>/bootstrap
#   make events                 publish one area's (its folder name in lower case)
#   make RID=linux-arm64 ...    for Architecture=arm64 (needs an aarch64 cross toolchain)
#   make clean

AREAS := $(sort $(patsubst functions/%/Makefile,%,$(wildcard functions/*/Makefile)))
lower = $(shell printf '%s' '$(1)' | tr '[:upper:]' '[:lower:]')

.DEFAULT_GOAL := help
.PHONY: help areas clean $(foreach area,$(AREAS),$(call lower,$(area)))

help:
	@echo "make areas          publish every area's bootstrap: $(AREAS)"
	@echo "make <area>         publish one: $(foreach area,$(AREAS),$(call lower,$(area)))"
	@echo "make clean          remove artifacts/"

areas: $(foreach area,$(AREAS),$(call lower,$(area)))

$(foreach area,$(AREAS),$(eval $(call lower,$(area)): ; @$$(MAKE) --no-print-directory -f functions/$(area)/Makefile bootstrap))

clean:
	rm -rf artifacts
