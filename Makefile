# Top-level Makefile.  ./configure writes config-host.mak; everything builds
# out of tree objects under build/.  Each source folder contributes every .c
# file in it (per-folder object lists), so adding a file needs no edit here.

# A fresh checkout: install missing Debian packages (as root) and configure.
ifeq ($(wildcard config-host.mak),)
CONFIGURE_STATUS := $(shell (sh scripts/install-deps.sh && ./configure) >&2; echo $$?)
ifneq ($(CONFIGURE_STATUS),0)
$(error configure failed: see the messages above)
endif
endif
include config-host.mak

BUILD := build
# Folders whose .c files go into the emulator library (everything but main()).
LIB_DIRS := util qom hw/core hw/i386 hw/char hw/misc hw/isa hw/pci hw/pci-host \
            hw/intc hw/timer hw/acpi hw/nvram hw/input hw/display hw/block hw/net \
            hw/usb hw/virtio hw/ide hw/smbios hw/i386/kvm chardev monitor qapi accel \
            accel/kvm accel/tcg target/i386 target/i386/tcg block net ui
LIB_SRCS := $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c))
LIB_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRCS)) $(BUILD)/qapi/qapi-schema.gen.o

WARNFLAGS := -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
             -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
CFLAGS := $(OPTFLAGS) $(SANFLAGS) $(WARNFLAGS) -std=gnu11 -D_GNU_SOURCE \
          -I. -Iinclude -I$(BUILD) $(LIB_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(SANFLAGS) $(EXTRA_LDFLAGS)
LIBS := $(LIB_LIBS) -lpthread -lutil -lm -latomic

UNIT_SRCS := $(wildcard tests/unit/test-*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))
BENCH_SRCS := $(wildcard bench/*.c)
BENCH_BINS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))
QAPI_JSON := $(sort $(wildcard qapi/*.json))

.PHONY: all check check-unit check-functional bench run install clean distclean deps
all: qemu-system-x86_64

# Written by configure (run above on a fresh checkout); make must not look
# for a rule to build it.
config-host.h: ;

$(BUILD)/libqemu.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

qemu-system-x86_64: $(BUILD)/vl.o $(BUILD)/libqemu.a
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/vl.o -Wl,--whole-archive $(BUILD)/libqemu.a -Wl,--no-whole-archive $(LIBS)

$(BUILD)/%.o: %.c config-host.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# The option ROMs are assembled inside x86-optionrom.c (.include), which
# the compiler's dependency files do not see.
$(BUILD)/hw/i386/x86-optionrom.o: $(wildcard hw/i386/optionrom/*.S)

# The QAPI schema is embedded as one string; the QMP core parses it at run time.
$(BUILD)/qapi/qapi-schema.gen.c: $(QAPI_JSON) scripts/embed-text.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-text.sh qapi_schema_text $(QAPI_JSON) > $@

$(BUILD)/qapi/qapi-schema.gen.o: $(BUILD)/qapi/qapi-schema.gen.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libqemu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -o $@ $< -Wl,--whole-archive $(BUILD)/libqemu.a -Wl,--no-whole-archive $(LIBS)

$(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIBS)

# Small assembled test guests (tests/guests/), built by their own script.
GUEST_STAMP := $(BUILD)/tests/guests/.built
$(GUEST_STAMP): $(wildcard tests/guests/*.S tests/guests/*.inc tests/guests/*.h) tests/guests/build.sh
	sh tests/guests/build.sh $(BUILD)/tests/guests
	@touch $@

check: all $(UNIT_BINS) $(GUEST_STAMP)
	@python3 tests/run-tests.py --build $(BUILD) $(UNIT_BINS)

check-unit: $(UNIT_BINS)
	@python3 tests/run-tests.py --build $(BUILD) --unit-only $(UNIT_BINS)

check-functional: all $(GUEST_STAMP)
	@python3 tests/run-tests.py --build $(BUILD) --functional-only

bench: all $(BENCH_BINS) $(GUEST_STAMP)
	@sh bench/run.sh
	@sh bench/tcg-boot.sh

# The demo guest: Debian's kernel with a busybox shell (the boot kit,
# tests/bootkit/build-bootkit.sh, docs/bootkit.md) on the PC board, serial
# console and monitor on this terminal (Ctrl-a c switches, Ctrl-a x quits).
# RUN_ACCEL=kvm uses KVM instead of the software CPU (on a host whose KVM
# runs Linux at full speed).  Without the boot kit (no network to fetch
# the Debian packages): SeaBIOS alone.
RUN_ACCEL ?= tcg
run: all
	@kit=$$(sh tests/bootkit/build-bootkit.sh) || kit=; \
	if [ -n "$$kit" ]; then \
	    echo "Debian's kernel and a busybox shell (-accel $(RUN_ACCEL)); Ctrl-a c: monitor, Ctrl-a x: quit"; \
	    ./qemu-system-x86_64 -accel $(RUN_ACCEL) -M pc -m 512 -nographic \
	        -kernel "$$kit/vmlinuz" -initrd "$$kit/initramfs.cpio.gz" \
	        -append "console=ttyS0 bootkit.mode=shell"; \
	else \
	    echo "no boot kit: SeaBIOS alone (-accel $(RUN_ACCEL)); Ctrl-a c: monitor, Ctrl-a x: quit"; \
	    ./qemu-system-x86_64 -accel $(RUN_ACCEL) -M pc -m 256 -nographic; \
	fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 qemu-system-x86_64 $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf $(BUILD) qemu-system-x86_64 qemu-img

distclean: clean
	rm -f config-host.mak config-host.h

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
