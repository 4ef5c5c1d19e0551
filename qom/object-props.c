/*
 * object-props.c: typed QOM properties: the generic typed accessors
 * (object_property_get_str() ...), printing and help lines, and the
 * property kinds: bool/str/enum with callbacks, fields (uintN_ptr),
 * child<> and link<>.  Values are read with the qom_parse_* functions of
 * object-parse.c.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qemu/cutils.h"

static void type_error(Error **errp, const char *name, const char *expected)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s", name,
               expected);
}

/* ---- generic typed accessors ---- */

bool object_property_set_str(Object *obj, const char *name,
                             const char *value, Error **errp)
{
    json_t *v = json_string(value ? value : "");
    bool ok;

    if (!v) {
        error_setg(errp, "Parameter '%s' expects a valid UTF-8 string", name);
        return false;
    }
    ok = object_property_set(obj, name, v, errp);
    json_decref(v);
    return ok;
}

char *object_property_get_str(Object *obj, const char *name, Error **errp)
{
    json_t *v = object_property_get(obj, name, errp);
    char *ret = NULL;

    if (!v) {
        return NULL;
    }
    if (json_is_string(v)) {
        ret = g_strdup(json_string_value(v));
    } else {
        type_error(errp, name, "string");
    }
    json_decref(v);
    return ret;
}

bool object_property_set_bool(Object *obj, const char *name, bool value,
                              Error **errp)
{
    return object_property_set(obj, name, json_boolean(value), errp);
}

bool object_property_get_bool(Object *obj, const char *name, Error **errp)
{
    json_t *v = object_property_get(obj, name, errp);
    bool ret = false;

    if (!v) {
        return false;
    }
    if (json_is_boolean(v)) {
        ret = json_is_true(v);
    } else {
        type_error(errp, name, "boolean");
    }
    json_decref(v);
    return ret;
}

bool object_property_set_int(Object *obj, const char *name, int64_t value,
                             Error **errp)
{
    json_t *v = json_integer(value);
    bool ok = object_property_set(obj, name, v, errp);

    json_decref(v);
    return ok;
}

int64_t object_property_get_int(Object *obj, const char *name, Error **errp)
{
    json_t *v = object_property_get(obj, name, errp);
    int64_t ret = -1;

    if (!v) {
        return -1;
    }
    if (json_is_integer(v)) {
        ret = json_integer_value(v);
    } else {
        type_error(errp, name, "int");
    }
    json_decref(v);
    return ret;
}

bool object_property_set_uint(Object *obj, const char *name, uint64_t value,
                              Error **errp)
{
    json_t *v = qom_json_uint(value);
    bool ok = object_property_set(obj, name, v, errp);

    json_decref(v);
    return ok;
}

uint64_t object_property_get_uint(Object *obj, const char *name,
                                  Error **errp)
{
    json_t *v = object_property_get(obj, name, errp);
    uint64_t ret = 0;

    if (!v) {
        return 0;
    }
    if (!qom_json_to_uint(v, &ret)) {
        type_error(errp, name, "uint");
        ret = 0;
    }
    json_decref(v);
    return ret;
}

bool object_property_set_link(Object *obj, const char *name, Object *value,
                              Error **errp)
{
    char *path = NULL;
    bool ok;

    if (value) {
        path = object_get_canonical_path(value);
        if (!path) {
            error_setg(errp, "Object of type '%s' is not in the object tree",
                       object_get_typename(value));
            return false;
        }
    }
    ok = object_property_set_str(obj, name, path ? path : "", errp);
    g_free(path);
    return ok;
}

Object *object_property_get_link(Object *obj, const char *name, Error **errp)
{
    char *path = object_property_get_str(obj, name, errp);
    Object *target = NULL;

    if (path && *path) {
        target = object_resolve_path(path, NULL);
        if (!target) {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        }
    }
    g_free(path);
    return target;
}

/* ---- printing ---- */

/* Bytes with a binary unit and three significant digits ("2 GiB",
 * "0.977 MiB"), switching unit at 1000 of the previous one. */
static char *size_to_str(uint64_t val)
{
    static const char *const suffixes[] = {
        "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"
    };
    int i = 0;

    while (i < 6 && (double)val >= 1000.0 * (double)(UINT64_C(1) << (10 * i))) {
        i++;
    }
    return g_strdup_printf("%0.3g %sB",
                           (double)val / (double)(UINT64_C(1) << (10 * i)),
                           suffixes[i]);
}

char *object_property_print(Object *obj, const char *name, Error **errp)
{
    ObjectProperty *prop = object_property_find_err(obj, name, errp);
    json_t *v;
    char *ret;

    if (!prop) {
        return NULL;
    }
    v = object_property_get(obj, name, errp);
    if (!v) {
        return NULL;
    }
    if (json_is_boolean(v)) {
        ret = g_strdup(json_is_true(v) ? "true" : "false");
    } else if (json_is_string(v)) {
        ret = g_strdup_printf("\"%s\"", json_string_value(v));
    } else if (json_is_number(v)) {
        uint64_t u = 0;

        if (!qom_json_to_uint(v, &u)) {
            ret = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        } else if (!strcmp(prop->type, "size")) {
            char *s = size_to_str(u);

            ret = g_strdup_printf("%" PRIu64 " (%s)", u, s);
            g_free(s);
        } else if (strstart(prop->type, "uint", NULL) || json_is_real(v)) {
            ret = g_strdup_printf("%" PRIu64 " (0x%" PRIx64 ")", u, u);
        } else {
            ret = g_strdup_printf("%" PRId64 " (0x%" PRIx64 ")",
                                  (int64_t)u, u);
        }
    } else if (json_is_null(v)) {
        ret = g_strdup("");
    } else {
        ret = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    }
    json_decref(v);
    return ret;
}

char *object_property_help(const char *name, const char *type,
                           json_t *defval, const char *description)
{
    GString *s = g_string_new(NULL);
    uint64_t u;

    g_string_append_printf(s, "  %s=<%s>", name, type);
    if (description || defval) {
        while (s->len < 24) {
            g_string_append_c(s, ' ');
        }
        g_string_append(s, " - ");
    }
    if (description) {
        g_string_append(s, description);
    }
    if (defval && json_is_real(defval) && qom_json_to_uint(defval, &u)) {
        /* A uint64 above INT64_MAX: print it as the integer it is. */
        g_string_append_printf(s, " (default: %" PRIu64 ")", u);
    } else if (defval) {
        char *json = json_dumps(defval, JSON_ENCODE_ANY | JSON_COMPACT);

        g_string_append_printf(s, " (default: %s)", json);
        free(json);
    }
    return g_string_free(s, false);
}

/* ---- properties with callbacks ---- */

static void release_opaque(Object *obj, ObjectProperty *prop)
{
    g_free(prop->opaque);
}

typedef struct BoolProperty {
    bool (*get)(Object *obj, Error **errp);
    void (*set)(Object *obj, bool value, Error **errp);
} BoolProperty;

static json_t *bool_prop_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    BoolProperty *bp = prop->opaque;
    Error *err = NULL;
    bool v = bp->get(obj, &err);

    if (err) {
        error_propagate(errp, err);
        return NULL;
    }
    return json_boolean(v);
}

static bool bool_prop_set(Object *obj, ObjectProperty *prop, json_t *value,
                          Error **errp)
{
    BoolProperty *bp = prop->opaque;
    Error *err = NULL;
    bool v;

    if (!qom_parse_bool(prop->name, value, &v, errp)) {
        return false;
    }
    bp->set(obj, v, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    return true;
}

static BoolProperty *bool_prop_new(bool (*get)(Object *, Error **),
                                   void (*set)(Object *, bool, Error **))
{
    BoolProperty *bp = g_new0(BoolProperty, 1);

    bp->get = get;
    bp->set = set;
    return bp;
}

void object_property_add_bool(Object *obj, const char *name,
                              bool (*get)(Object *, Error **),
                              void (*set)(Object *, bool, Error **))
{
    object_property_add(obj, name, "bool", get ? bool_prop_get : NULL,
                        set ? bool_prop_set : NULL, release_opaque,
                        bool_prop_new(get, set));
}

void object_class_property_add_bool(ObjectClass *klass, const char *name,
                                    bool (*get)(Object *, Error **),
                                    void (*set)(Object *, bool, Error **))
{
    object_class_property_add(klass, name, "bool",
                              get ? bool_prop_get : NULL,
                              set ? bool_prop_set : NULL, NULL,
                              bool_prop_new(get, set));
}

typedef struct StringProperty {
    char *(*get)(Object *obj, Error **errp);
    void (*set)(Object *obj, const char *value, Error **errp);
} StringProperty;

static json_t *str_prop_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    StringProperty *sp = prop->opaque;
    Error *err = NULL;
    char *v = sp->get(obj, &err);
    json_t *ret;

    if (err) {
        error_propagate(errp, err);
        g_free(v);
        return NULL;
    }
    ret = json_string(v ? v : "");
    g_free(v);
    return ret ? ret : json_string("");
}

static bool str_prop_set(Object *obj, ObjectProperty *prop, json_t *value,
                         Error **errp)
{
    StringProperty *sp = prop->opaque;
    Error *err = NULL;
    const char *v;

    if (!qom_parse_str(prop->name, value, &v, errp)) {
        return false;
    }
    sp->set(obj, v, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    return true;
}

static StringProperty *str_prop_new(char *(*get)(Object *, Error **),
                                    void (*set)(Object *, const char *,
                                                Error **))
{
    StringProperty *sp = g_new0(StringProperty, 1);

    sp->get = get;
    sp->set = set;
    return sp;
}

void object_property_add_str(Object *obj, const char *name,
                             char *(*get)(Object *, Error **),
                             void (*set)(Object *, const char *, Error **))
{
    object_property_add(obj, name, "string", get ? str_prop_get : NULL,
                        set ? str_prop_set : NULL, release_opaque,
                        str_prop_new(get, set));
}

void object_class_property_add_str(ObjectClass *klass, const char *name,
                                   char *(*get)(Object *, Error **),
                                   void (*set)(Object *, const char *,
                                               Error **))
{
    object_class_property_add(klass, name, "string",
                              get ? str_prop_get : NULL,
                              set ? str_prop_set : NULL, NULL,
                              str_prop_new(get, set));
}

typedef struct EnumProperty {
    const char *const *lookup;
    int (*get)(Object *obj, Error **errp);
    void (*set)(Object *obj, int value, Error **errp);
} EnumProperty;

static json_t *enum_prop_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    EnumProperty *ep = prop->opaque;
    Error *err = NULL;
    int v = ep->get(obj, &err);
    int n;

    if (err) {
        error_propagate(errp, err);
        return NULL;
    }
    n = g_strv_length((char **)ep->lookup);
    if (v < 0 || v >= n) {
        error_setg(errp, "Property '%s' has an invalid value %d", prop->name,
                   v);
        return NULL;
    }
    return json_string(ep->lookup[v]);
}

static bool enum_prop_set(Object *obj, ObjectProperty *prop, json_t *value,
                          Error **errp)
{
    EnumProperty *ep = prop->opaque;
    Error *err = NULL;
    int v;

    if (!qom_parse_enum(prop->name, value, ep->lookup, &v, errp)) {
        return false;
    }
    ep->set(obj, v, &err);
    if (err) {
        error_propagate(errp, err);
        return false;
    }
    return true;
}

void object_class_property_add_enum(ObjectClass *klass, const char *name,
                                    const char *typename,
                                    const char *const *lookup,
                                    int (*get)(Object *, Error **),
                                    void (*set)(Object *, int, Error **))
{
    EnumProperty *ep = g_new0(EnumProperty, 1);
    ObjectProperty *prop;

    ep->lookup = lookup;
    ep->get = get;
    ep->set = set;
    prop = object_class_property_add(klass, name, typename,
                                     get ? enum_prop_get : NULL,
                                     set ? enum_prop_set : NULL, NULL, ep);
    prop->enum_values = lookup;
}

/* ---- properties backed by a field ---- */

typedef struct UintPtrProperty {
    void *ptr;
    int width;          /* bytes */
} UintPtrProperty;

static uint64_t uint_ptr_read(UintPtrProperty *up)
{
    switch (up->width) {
    case 1:
        return *(uint8_t *)up->ptr;
    case 2:
        return *(uint16_t *)up->ptr;
    case 4:
        return *(uint32_t *)up->ptr;
    default:
        return *(uint64_t *)up->ptr;
    }
}

static json_t *uint_ptr_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    return qom_json_uint(uint_ptr_read(prop->opaque));
}

static bool uint_ptr_set(Object *obj, ObjectProperty *prop, json_t *value,
                         Error **errp)
{
    UintPtrProperty *up = prop->opaque;
    uint64_t max = up->width == 8 ? UINT64_MAX
                                  : (UINT64_C(1) << (8 * up->width)) - 1;
    uint64_t v;

    if (!qom_parse_uint(prop->name, value, max, &v, errp)) {
        return false;
    }
    switch (up->width) {
    case 1:
        *(uint8_t *)up->ptr = v;
        break;
    case 2:
        *(uint16_t *)up->ptr = v;
        break;
    case 4:
        *(uint32_t *)up->ptr = v;
        break;
    default:
        *(uint64_t *)up->ptr = v;
        break;
    }
    return true;
}

static void add_uint_ptr(Object *obj, const char *name, const char *type,
                         const void *v, int width, ObjectPropertyFlags f)
{
    UintPtrProperty *up = g_new0(UintPtrProperty, 1);

    up->ptr = (void *)v;
    up->width = width;
    object_property_add(obj, name, type,
                        (f & OBJ_PROP_FLAG_READ) ? uint_ptr_get : NULL,
                        (f & OBJ_PROP_FLAG_WRITE) ? uint_ptr_set : NULL,
                        release_opaque, up);
}

void object_property_add_uint8_ptr(Object *obj, const char *name,
                                   const uint8_t *v, ObjectPropertyFlags f)
{
    add_uint_ptr(obj, name, "uint8", v, 1, f);
}

void object_property_add_uint16_ptr(Object *obj, const char *name,
                                    const uint16_t *v, ObjectPropertyFlags f)
{
    add_uint_ptr(obj, name, "uint16", v, 2, f);
}

void object_property_add_uint32_ptr(Object *obj, const char *name,
                                    const uint32_t *v, ObjectPropertyFlags f)
{
    add_uint_ptr(obj, name, "uint32", v, 4, f);
}

void object_property_add_uint64_ptr(Object *obj, const char *name,
                                    const uint64_t *v, ObjectPropertyFlags f)
{
    add_uint_ptr(obj, name, "uint64", v, 8, f);
}

/* ---- child<> ---- */

static json_t *child_prop_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    char *path = object_get_canonical_path(prop->opaque);
    json_t *ret = json_string(path ? path : "");

    g_free(path);
    return ret;
}

static Object *child_prop_resolve(Object *obj, ObjectProperty *prop,
                                  const char *part)
{
    return prop->opaque;
}

/* Deleting the property is what detaches the child: let its class undo
 * its place in the tree (a device leaves its bus) and drop the reference. */
static void child_prop_release(Object *obj, ObjectProperty *prop)
{
    Object *child = prop->opaque;

    if (child->class->unparent) {
        child->class->unparent(child);
    }
    child->parent = NULL;
    object_unref(child);
}

ObjectProperty *object_property_try_add_child(Object *obj, const char *name,
                                              Object *child, Error **errp)
{
    char *type;
    ObjectProperty *prop;

    assert(!child->parent);
    type = g_strdup_printf("child<%s>", object_get_typename(child));
    prop = object_property_try_add(obj, name, type, child_prop_get, NULL,
                                   child_prop_release, child, errp);
    g_free(type);
    if (!prop) {
        return NULL;
    }
    prop->resolve = child_prop_resolve;
    object_ref(child);
    child->parent = obj;
    return prop;
}

ObjectProperty *object_property_add_child(Object *obj, const char *name,
                                          Object *child)
{
    return object_property_try_add_child(obj, name, child, &error_abort);
}

/* ---- link<> ---- */

typedef struct LinkProperty {
    Object **targetp;           /* instance links */
    ptrdiff_t offset;           /* class links: the pointer in each object */
    bool class_link;
    char *target_type;
    bool (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp);
    ObjectPropertyLinkFlags flags;
} LinkProperty;

bool object_property_allow_set_link(const Object *obj, const char *name,
                                    Object *val, Error **errp)
{
    return true;
}

static Object **link_targetp(Object *obj, LinkProperty *lp)
{
    if (lp->class_link) {
        return (Object **)((char *)obj + lp->offset);
    }
    return lp->targetp;
}

static json_t *link_prop_get(Object *obj, ObjectProperty *prop, Error **errp)
{
    LinkProperty *lp = prop->opaque;
    Object **targetp = link_targetp(obj, lp);
    char *path = *targetp ? object_get_canonical_path(*targetp) : NULL;
    json_t *ret = json_string(path ? path : "");

    g_free(path);
    return ret;
}

/* The object that a link value names, with QEMU's errors. */
static Object *link_resolve_value(const char *name, const char *type,
                                  const char *path, Error **errp)
{
    bool ambiguous = false;
    Object *target = object_resolve_path_type(path, type, &ambiguous);

    if (ambiguous) {
        error_setg(errp, "Path '%s' does not uniquely identify an object",
                   path);
        return NULL;
    }
    if (!target) {
        target = object_resolve_path(path, &ambiguous);
        if (target || ambiguous) {
            type_error(errp, name, type);
        } else {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        }
        return NULL;
    }
    return target;
}

static bool link_prop_set(Object *obj, ObjectProperty *prop, json_t *value,
                          Error **errp)
{
    LinkProperty *lp = prop->opaque;
    Object **targetp = link_targetp(obj, lp);
    Object *old = *targetp, *target = NULL;
    const char *path;

    if (!qom_parse_str(prop->name, value, &path, errp)) {
        return false;
    }
    if (*path) {
        target = link_resolve_value(prop->name, lp->target_type, path, errp);
        if (!target) {
            return false;
        }
    }
    if (!lp->check(obj, prop->name, target, errp)) {
        return false;
    }
    *targetp = target;
    if (lp->flags & OBJ_PROP_LINK_STRONG) {
        object_ref(target);
        object_unref(old);
    }
    return true;
}

static Object *link_prop_resolve(Object *obj, ObjectProperty *prop,
                                 const char *part)
{
    return *link_targetp(obj, prop->opaque);
}

/* Per object: drop a strong link's reference (class links keep their
 * LinkProperty, which belongs to the class). */
static void link_prop_release(Object *obj, ObjectProperty *prop)
{
    LinkProperty *lp = prop->opaque;
    Object **targetp = link_targetp(obj, lp);

    if ((lp->flags & OBJ_PROP_LINK_STRONG) && *targetp) {
        object_unref(*targetp);
        *targetp = NULL;
    }
    if (!lp->class_link) {
        g_free(lp->target_type);
        g_free(lp);
    }
}

typedef bool LinkCheck(const Object *obj, const char *name, Object *val,
                       Error **errp);

/* The state shared by instance and class link properties. */
static LinkProperty *link_property_new(const char *type, LinkCheck *check,
                                       ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = g_new0(LinkProperty, 1);

    lp->target_type = g_strdup(type);
    lp->check = check;
    lp->flags = flags;
    return lp;
}

ObjectProperty *object_property_add_link(Object *obj, const char *name,
    const char *type, Object **targetp, LinkCheck *check,
    ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = link_property_new(type, check, flags);
    g_autofree char *full_type = g_strdup_printf("link<%s>", type);
    ObjectProperty *prop;

    lp->targetp = targetp;
    prop = object_property_add(obj, name, full_type, link_prop_get,
                               check ? link_prop_set : NULL,
                               link_prop_release, lp);
    prop->resolve = link_prop_resolve;
    return prop;
}

ObjectProperty *object_class_property_add_link(ObjectClass *klass,
    const char *name, const char *type, ptrdiff_t offset, LinkCheck *check,
    ObjectPropertyLinkFlags flags)
{
    LinkProperty *lp = link_property_new(type, check, flags);
    g_autofree char *full_type = g_strdup_printf("link<%s>", type);
    ObjectProperty *prop;

    lp->offset = offset;
    lp->class_link = true;
    prop = object_class_property_add(klass, name, full_type, link_prop_get,
                                     check ? link_prop_set : NULL,
                                     link_prop_release, lp);
    prop->resolve = link_prop_resolve;
    return prop;
}
