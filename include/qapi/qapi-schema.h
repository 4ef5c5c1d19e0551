/*
 * qapi-schema.h: the QAPI schema, loaded at run time.
 *
 * Every QMP command, event and type is declared once in the qapi/ JSON files; the
 * build concatenates those files into `qapi_schema_text`, parsed on first
 * use.  The text is a sequence of JSON objects ("double" or 'single'
 * quoted strings, '#' comments to the end of the line) in QEMU's schema
 * vocabulary:
 *
 *   { 'enum': 'Name', 'data': [ 'a', { 'name': 'b', 'if': ... } ] }
 *   { 'struct': 'Name', 'base': 'Parent', 'data': { 'm': 'str',
 *     '*optional': 'int', 'list': ['Elem'],
 *     'full': { 'type': 'T', 'if': ..., 'features': [...] } } }
 *   { 'union': 'Name', 'base': 'Base' or { inline members },
 *     'discriminator': 'member-of-base', 'data': { 'enum-value': 'Type' } }
 *   { 'alternate': 'Name', 'data': { 'branch': 'Type', ... } }
 *   { 'command': 'name', 'data': { members } or 'Type', 'returns': 'T',
 *     'boxed': true, 'allow-oob': true, 'allow-preconfig': true,
 *     'gen': false, 'features': [...] }
 *   { 'event': 'NAME', 'data': { members } or 'Type' }
 *   ('include', 'pragma' and unknown keys are ignored)
 *
 * Type references: a builtin (str, number, int, int8..int64,
 * uint8..uint64, size, bool, null, any), a declared name, or ['T'] for an
 * array, written "[T]" internally.  Inline 'data' and 'base' dicts become
 * implicit objects named as QEMU names them: "q_obj_NAME-arg" (command and
 * event arguments), "q_obj_NAME-base" (union bases).  The builtin enum
 * QType is predeclared.
 *
 * 'if' conditions: a string (e.g. 'CONFIG_LINUX', 'TARGET_I386'), or
 * {'all': [...]}, {'any': [...]}, {'not': ...}; evaluated against the list
 * in qapi-schema.c (what this x86-64 Linux build provides); false drops the
 * entity, member or enum value.
 *
 * Problems in the text (syntax, duplicates, dangling references) never
 * stop the program: the offending entity is skipped and the problem is
 * recorded for qapi_schema_check(), which the unit tests assert is clean.
 */
#ifndef QAPI_QAPI_SCHEMA_H
#define QAPI_QAPI_SCHEMA_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/* The concatenated qapi/ JSON files (generated at build time). */
extern const char qapi_schema_text[];

typedef enum QapiMeta {
    QAPI_META_BUILTIN,
    QAPI_META_ENUM,
    QAPI_META_ARRAY,
    QAPI_META_OBJECT,       /* struct or union */
    QAPI_META_ALTERNATE,
    QAPI_META_COMMAND,
    QAPI_META_EVENT,
} QapiMeta;

/* JSON shape of a builtin type. */
typedef enum QapiBuiltinKind {
    QAPI_BUILTIN_STR,
    QAPI_BUILTIN_NUMBER,
    QAPI_BUILTIN_INT,       /* int, int64 */
    QAPI_BUILTIN_INT8,
    QAPI_BUILTIN_INT16,
    QAPI_BUILTIN_INT32,
    QAPI_BUILTIN_UINT8,
    QAPI_BUILTIN_UINT16,
    QAPI_BUILTIN_UINT32,
    QAPI_BUILTIN_UINT64,    /* uint64, size */
    QAPI_BUILTIN_BOOL,
    QAPI_BUILTIN_NULL,
    QAPI_BUILTIN_ANY,
} QapiBuiltinKind;

/*
 * A member of an object (name, type, optional), an enum value (name
 * only), a union variant (name = the discriminator value, type = the
 * branch), or an alternate branch (name, type).
 */
typedef struct QapiMember {
    char *name;
    char *type;
    bool optional;
    json_t *features;       /* array of feature names, or NULL */
} QapiMember;

typedef struct QapiEntity {
    char *name;
    QapiMeta meta;
    json_t *features;       /* array of feature names, or NULL */
    bool is_union;          /* object declared with 'union' */
    bool implicit;          /* generated from an inline dict */

    QapiBuiltinKind builtin;    /* builtin */
    GPtrArray *values;          /* enum: QapiMember * */
    char *element_type;         /* array */
    char *base;                 /* object: base type or NULL */
    GPtrArray *members;         /* object: own members (QapiMember *) */
    char *discriminator;        /* union: tag member name */
    GPtrArray *variants;        /* union, alternate: QapiMember * */

    /* command, event */
    char *arg_type;             /* argument object (or boxed type), NULL */
    char *ret_type;             /* command result type, NULL for none */
    bool boxed;
    bool allow_oob;
    bool allow_preconfig;
    bool gen;                   /* false: arguments are not checked */
} QapiEntity;

/* Look up an entity by name ("str", "RunState", "[int]", "query-status");
 * NULL if not declared. */
const QapiEntity *qapi_schema_lookup(const char *name);
/* Look up a command; NULL if not declared. */
const QapiEntity *qapi_schema_lookup_command(const char *name);

/* Call fn for every entity in declaration order (builtins first). */
void qapi_schema_foreach(void (*fn)(const QapiEntity *ent, void *opaque),
                         void *opaque);

/*
 * The members of an object including its base chain, base members first
 * (a new GPtrArray of borrowed QapiMember *; free with g_ptr_array_unref).
 */
GPtrArray *qapi_object_all_members(const QapiEntity *obj);
/* The branch type of a union for discriminator value `tag`, or NULL. */
const char *qapi_union_variant(const QapiEntity *obj, const char *tag);
/* Whether `value` is one of the enum's values. */
bool qapi_enum_has_value(const QapiEntity *en, const char *value);

/*
 * Add more schema text (same format) after the built-in one.  The unit
 * tests use it to declare test-only commands.  Fails (nothing added) on a
 * syntax error or a redefinition.
 */
bool qapi_schema_add_text(const char *text, Error **errp);

/*
 * Check the loaded schema: no syntax errors, no duplicates, every type
 * reference resolves, bases are structs, discriminators name enum members
 * of the base, variant cases are values of that enum.  Sets errp to a
 * list of all problems (one per line).
 */
bool qapi_schema_check(Error **errp);

/* query-qmp-schema: the SchemaInfo list (see qapi/introspect.c). */
json_t *qapi_schema_introspect(void);

#endif
