/*
 * object.h: the QEMU Object Model (QOM).
 *
 * Concepts
 * - A *type* is declared with a TypeInfo and registered at start-up with
 *   type_register_static(), usually from a type_init() constructor (which
 *   only registers: it creates nothing).  Types form a single-inheritance
 *   tree; a type may also implement *interfaces* (abstract types whose
 *   names appear in TypeInfo.interfaces).
 * - Each type has one *class* (struct starting with its parent's class
 *   struct), created lazily on first use by running every ancestor's
 *   class_init and then the type's own.
 * - An *object* is an instance (struct starting with its parent's struct).
 *   Objects are reference counted: object_new() returns one reference;
 *   object_unref() frees the object (running instance_finalize from the
 *   most derived type up) when the count drops to zero.
 * - *Properties* are named, typed accessors on an object or on its class.
 *   Values travel as jansson json_t (the same representation QMP uses):
 *   a getter returns a new reference; a setter borrows the value.  Values
 *   from the command line arrive as JSON strings, and the typed setters
 *   parse them (so "on", "42", "2G" all work where a bool/int/size is
 *   expected), which means -device, -global, -object, qom-set and
 *   device_add share one code path.
 * - Objects form a tree through "child<T>" properties: the root is "/",
 *   with "/machine" (and "/machine/peripheral", "/machine/unattached",
 *   "/machine/peripheral-anon"), "/objects" (-object), "/chardevs".
 *   "link<T>" properties point at objects elsewhere in the tree.
 *
 * Declaring a type (the one style used in this project):
 *
 *   #define TYPE_FOO "foo"
 *   typedef struct FooState { DeviceState parent_obj; uint32_t bar; } FooState;
 *   #define FOO(obj) OBJECT_CHECK(FooState, (obj), TYPE_FOO)
 *   static const TypeInfo foo_info = {
 *       .name = TYPE_FOO, .parent = TYPE_DEVICE,
 *       .instance_size = sizeof(FooState), .class_init = foo_class_init,
 *   };
 *   static void foo_register_types(void) { type_register_static(&foo_info); }
 *   type_init(foo_register_types)
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef struct TypeImpl *Type;
typedef struct ObjectClass ObjectClass;
typedef struct Object Object;
typedef struct ObjectProperty ObjectProperty;
typedef struct InterfaceClass InterfaceClass;

#define TYPE_OBJECT "object"
#define TYPE_INTERFACE "interface"
#define TYPE_CONTAINER "container"

typedef struct InterfaceInfo {
    const char *type;
} InterfaceInfo;

typedef struct TypeInfo {
    const char *name;
    const char *parent;
    size_t instance_size;       /* 0: same as parent */
    size_t instance_align;
    void (*instance_init)(Object *obj);
    void (*instance_post_init)(Object *obj); /* runs parent's first */
    void (*instance_finalize)(Object *obj);
    bool abstract;
    size_t class_size;          /* 0: same as parent */
    void (*class_init)(ObjectClass *klass, void *data);
    void (*class_base_init)(ObjectClass *klass, void *data);
    void *class_data;
    InterfaceInfo *interfaces;  /* terminated by { } */
} TypeInfo;

/* Getter: return a new reference to the value, or NULL with *errp set. */
typedef json_t *ObjectPropertyGet(Object *obj, ObjectProperty *prop,
                                  Error **errp);
/* Setter: value is borrowed; return false with *errp set on failure. */
typedef bool ObjectPropertySet(Object *obj, ObjectProperty *prop,
                               json_t *value, Error **errp);
/* Called when the property is deleted (object finalized). */
typedef void ObjectPropertyRelease(Object *obj, ObjectProperty *prop);
/* Called once after creation so the property can apply its default. */
typedef void ObjectPropertyInit(Object *obj, ObjectProperty *prop);
/*
 * Path resolution through a property: child<> and link<> properties return
 * the object they point at (NULL if none); other properties have no hook.
 */
typedef Object *ObjectPropertyResolve(Object *obj, ObjectProperty *prop,
                                      const char *part);

struct ObjectProperty {
    char *name;
    char *type;                 /* "bool", "uint32", "str", "child<foo>", ... */
    char *description;
    ObjectPropertyGet *get;     /* NULL: write-only */
    ObjectPropertySet *set;     /* NULL: read-only */
    ObjectPropertyRelease *release;
    ObjectPropertyInit *init;   /* class properties: apply default */
    json_t *defval;             /* default value for introspection, or NULL */
    const char *const *enum_values; /* enum properties: NULL-terminated */
    ObjectPropertyResolve *resolve; /* child<> / link<>: path traversal */
    void *opaque;
};

struct ObjectClass {
    Type type;
    GSList *interfaces;
    GHashTable *properties;     /* name -> ObjectProperty* (class props) */
    void (*unparent)(Object *obj);
};

struct Object {
    ObjectClass *class;
    void (*free)(void *obj);    /* g_free for object_new(), NULL if embedded */
    GHashTable *properties;     /* name -> ObjectProperty* (instance props) */
    uint32_t ref;
    Object *parent;
};

struct InterfaceClass {
    ObjectClass parent_class;
    ObjectClass *concrete_class;
    Type interface_type;
};

/* ---- types ---- */

/* Register a type (the name must be new: registering twice aborts).  Only
 * the name is checked now; parents and interfaces are looked up when the
 * class is first needed. */
Type type_register_static(const TypeInfo *info);
void type_register_static_array(const TypeInfo *infos, int nr_infos);
#define type_init(function) \
    static void __attribute__((constructor)) do_type_init_##function(void) \
    { function(); }

/* ---- classes ---- */

/* The class of typename (initialized on first use), or NULL if unknown. */
ObjectClass *object_class_by_name(const char *typename);
const char *object_class_get_name(ObjectClass *klass);
/* NULL for a root type ("object", "interface"). */
ObjectClass *object_class_get_parent(ObjectClass *klass);
bool object_class_is_abstract(ObjectClass *klass);
/* klass if it is (or implements) typename, else NULL. */
ObjectClass *object_class_dynamic_cast(ObjectClass *klass,
                                       const char *typename);
/* Checked: "FILE:LINE:FUNC: Class of type 'A' is not an instance of 'B'"
 * and abort; NULL passes through. */
ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line,
                                              const char *func);
/* All classes that are (or implement) implements_type (NULL: all), in
 * QEMU's order (the type table's hash order, reversed); g_slist_free(). */
GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract);
/* The same, sorted by type name ignoring case (as -device help). */
GSList *object_class_get_list_sorted(const char *implements_type,
                                     bool include_abstract);
/* Call fn for each such class, in the type table's hash order. */
void object_class_foreach(void (*fn)(ObjectClass *klass, void *opaque),
                          const char *implements_type, bool include_abstract,
                          void *opaque);

/* ---- objects ---- */

/*
 * A new object with one reference: class property defaults applied, then
 * instance_init from the root type down, then instance_post_init (parent
 * first).  NULL for an unknown or abstract type.
 */
Object *object_new(const char *typename);
Object *object_new_with_class(ObjectClass *klass);
/* Initialize an object embedded in its parent's struct (free == NULL). */
void object_initialize(void *obj, size_t size, const char *typename);
/* object_initialize() and add as child `propname` of parent, which then
 * holds the only reference. */
void object_initialize_child(Object *parent, const char *propname,
                             void *child, size_t size, const char *type);
/*
 * References (NULL is ignored).  The last unref finalizes: every property
 * is released (children are unparented and unreferenced first), then
 * instance_finalize runs from the most derived type up, then free.
 */
Object *object_ref(void *obj);
void object_unref(void *obj);

ObjectClass *object_get_class(Object *obj);
const char *object_get_typename(const Object *obj);
/* obj if it is (or implements) typename, else NULL. */
Object *object_dynamic_cast(Object *obj, const char *typename);
/*
 * Checked cast: on failure prints
 *   "FILE:LINE:FUNC: Object of type 'A' is not an instance of 'B'"
 * and aborts (a programming error, never reachable from input).
 */
Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line,
                                   const char *func);

#define OBJECT(obj) ((Object *)(obj))
#define OBJECT_CLASS(klass) ((ObjectClass *)(klass))
#define OBJECT_CHECK(type, obj, name) \
    ((type *)object_dynamic_cast_assert(OBJECT(obj), (name), \
                                        __FILE__, __LINE__, __func__))
#define OBJECT_CLASS_CHECK(class_type, klass, name) \
    ((class_type *)object_class_dynamic_cast_assert(OBJECT_CLASS(klass), \
                                  (name), __FILE__, __LINE__, __func__))
#define OBJECT_GET_CLASS(class_type, obj, name) \
    OBJECT_CLASS_CHECK(class_type, object_get_class(OBJECT(obj)), name)

/* ---- properties ---- */

/*
 * Add an instance property.  A name ending in "[*]" is numbered: the first
 * free "name[0]", "name[1]", ... is used (ObjectProperty.name holds it).
 * A duplicate name is a programming error (abort); names that come from
 * input (ids) go through object_property_try_add(), which fails with
 * "attempt to add duplicate property 'x' to object (type 'y')".
 */
ObjectProperty *object_property_try_add(Object *obj, const char *name,
                                        const char *type,
                                        ObjectPropertyGet *get,
                                        ObjectPropertySet *set,
                                        ObjectPropertyRelease *release,
                                        void *opaque, Error **errp);
ObjectProperty *object_property_add(Object *obj, const char *name,
                                    const char *type,
                                    ObjectPropertyGet *get,
                                    ObjectPropertySet *set,
                                    ObjectPropertyRelease *release,
                                    void *opaque);
ObjectProperty *object_class_property_add(ObjectClass *klass,
                                          const char *name, const char *type,
                                          ObjectPropertyGet *get,
                                          ObjectPropertySet *set,
                                          ObjectPropertyRelease *release,
                                          void *opaque);
/* Delete an instance property (its release callback runs). */
void object_property_del(Object *obj, const char *name);
void object_property_set_description(Object *obj, const char *name,
                                     const char *description);
void object_class_property_set_description(ObjectClass *klass,
                                           const char *name,
                                           const char *description);
/* Looks in the class and its ancestors, then the instance (a name is
 * never both). */
ObjectProperty *object_property_find(Object *obj, const char *name);
ObjectProperty *object_property_find_err(Object *obj, const char *name,
                                         Error **errp);
ObjectProperty *object_class_property_find(ObjectClass *klass,
                                           const char *name);
/* Every property of obj (instance and class), sorted by name;
 * g_ptr_array_free() the array (the properties are borrowed). */
GPtrArray *object_property_list(Object *obj);
/* Every class property of klass and its ancestors, sorted by name. */
GPtrArray *object_class_property_list(ObjectClass *klass);
/* The type string of a property ("uint32", "child<foo>"), or NULL+error. */
const char *object_property_get_type(Object *obj, const char *name,
                                     Error **errp);

/*
 * Iteration in QEMU's order: the object's own properties (hash-table
 * order), then those of its class, its parent class, ...  qom-list and
 * device-list-properties report this order reversed, as QEMU does.
 */
typedef struct ObjectPropertyIterator {
    ObjectClass *nextclass;
    GHashTableIter iter;
} ObjectPropertyIterator;
void object_property_iter_init(ObjectPropertyIterator *iter, Object *obj);
void object_class_property_iter_init(ObjectPropertyIterator *iter,
                                     ObjectClass *klass);
ObjectProperty *object_property_iter_next(ObjectPropertyIterator *iter);

/*
 * Record defval (reference stolen) as the property's default: it is shown
 * by introspection ("default-value") and set on every new object before
 * instance_init runs.
 */
void object_property_set_default(ObjectProperty *prop, json_t *defval);
/* True for "child<T>" / "link<T>" properties. */
bool object_property_is_child(const ObjectProperty *prop);
bool object_property_is_link(const ObjectProperty *prop);
/*
 * One line of -object/-device NAME,help: "  name=<type>", padded to 24
 * columns when followed by " - description" and/or " (default: JSON)".
 */
char *object_property_help(const char *name, const char *type,
                           json_t *defval, const char *description);

/*
 * Generic access (value borrowed by set; get returns a new reference).
 * Errors: "Property 'TYPE.x' not found", "Property 'TYPE.x' is not
 * readable" / "... is not writable", and the setter's own (which depend
 * on the input mode, see below).
 */
json_t *object_property_get(Object *obj, const char *name, Error **errp);
bool object_property_set(Object *obj, const char *name, json_t *value,
                         Error **errp);
/* Set from a string ("on", "42", "2G") as -global does: the setter runs in
 * QOM_INPUT_STRING mode. */
bool object_property_parse(Object *obj, const char *name, const char *string,
                           Error **errp);
/*
 * Value as info qtree shows it; g_free() it.  Integers "4 (0x4)", sizes
 * "2147483648 (2 GiB)", bools "true", strings, enums and links quoted.
 */
char *object_property_print(Object *obj, const char *name, Error **errp);

/*
 * Typed shortcuts over object_property_get/set.  A getter whose value has
 * another JSON type fails with "Invalid parameter type for 'x', expected:
 * string" (boolean, int, uint).  set_link takes the target's canonical
 * path (NULL clears); get_link resolves the path back ("Device 'p' not
 * found").
 */
bool object_property_set_str(Object *obj, const char *name,
                             const char *value, Error **errp);
char *object_property_get_str(Object *obj, const char *name, Error **errp);
bool object_property_set_bool(Object *obj, const char *name, bool value,
                              Error **errp);
bool object_property_get_bool(Object *obj, const char *name, Error **errp);
bool object_property_set_int(Object *obj, const char *name, int64_t value,
                             Error **errp);
int64_t object_property_get_int(Object *obj, const char *name, Error **errp);
bool object_property_set_uint(Object *obj, const char *name, uint64_t value,
                              Error **errp);
uint64_t object_property_get_uint(Object *obj, const char *name,
                                  Error **errp);
bool object_property_set_link(Object *obj, const char *name, Object *value,
                              Error **errp);
Object *object_property_get_link(Object *obj, const char *name, Error **errp);

/*
 * Where property values come from decides how typed setters read them and
 * which of QEMU's messages they give on bad input:
 *   QOM_INPUT_TYPED   QMP (qom-set, object-add) and the JSON forms of
 *                     -device/-object: a string where a number or
 *                     bool is expected is a type error, e.g. "Invalid
 *                     parameter type for 'x', expected: boolean";
 *   QOM_INPUT_KEYVAL  -device key=value and device_add (QEMU passes its
 *                     arguments as text): strings are parsed ("Parameter
 *                     'x' expects integer");
 *   QOM_INPUT_OPTS    -object key=value ("Parameter 'x' expects a uint64
 *                     value");
 *   QOM_INPUT_STRING  -global and object_property_parse() ("Parameter 'x'
 *                     expects uint64").
 * The mode is per thread; the default is QOM_INPUT_TYPED.  Callers set it
 * around a batch of setters and restore the previous mode afterwards.
 */
typedef enum QomInputMode {
    QOM_INPUT_TYPED,
    QOM_INPUT_KEYVAL,
    QOM_INPUT_OPTS,
    QOM_INPUT_STRING,
} QomInputMode;
/* Set the mode of this thread; returns the previous one. */
QomInputMode qom_input_mode_set(QomInputMode mode);
QomInputMode qom_input_mode(void);

/*
 * Value parsing shared by every typed setter, following the input mode;
 * each returns false with an error naming `name`.  Integers are range
 * checked (a uint32 property: "Parameter 'x' expects uint32_t"); as in
 * QEMU, a negative number given to an unsigned property wraps modulo 2^64
 * before the range check.  uint64 values above INT64_MAX travel as JSON
 * reals (jansson integers are signed 64-bit).
 */
bool qom_parse_bool(const char *name, json_t *v, bool *out, Error **errp);
bool qom_parse_int(const char *name, json_t *v, int64_t min, int64_t max,
                   int64_t *out, Error **errp);
bool qom_parse_uint(const char *name, json_t *v, uint64_t max,
                    uint64_t *out, Error **errp);
bool qom_parse_size(const char *name, json_t *v, uint64_t *out, Error **errp);
bool qom_parse_str(const char *name, json_t *v, const char **out,
                   Error **errp);
/* Index into the NULL-terminated table, or "Parameter 'x' does not accept
 * value 'y'". */
bool qom_parse_enum(const char *name, json_t *v, const char *const *table,
                    int *out, Error **errp);
/* A uint64 as JSON: an integer up to INT64_MAX, a real above. */
json_t *qom_json_uint(uint64_t v);
/* The reverse (negative integers wrap); false if v is no such number. */
bool qom_json_to_uint(json_t *v, uint64_t *out);

/* Typed property helpers with callbacks (instance and class variants). */
void object_property_add_bool(Object *obj, const char *name,
                              bool (*get)(Object *, Error **),
                              void (*set)(Object *, bool, Error **));
void object_class_property_add_bool(ObjectClass *klass, const char *name,
                                    bool (*get)(Object *, Error **),
                                    void (*set)(Object *, bool, Error **));
void object_property_add_str(Object *obj, const char *name,
                             char *(*get)(Object *, Error **),
                             void (*set)(Object *, const char *, Error **));
void object_class_property_add_str(ObjectClass *klass, const char *name,
                                   char *(*get)(Object *, Error **),
                                   void (*set)(Object *, const char *,
                                               Error **));
void object_class_property_add_enum(ObjectClass *klass, const char *name,
                                    const char *typename,
                                    const char *const *lookup,
                                    int (*get)(Object *, Error **),
                                    void (*set)(Object *, int, Error **));
/* Read-only properties backed by a field of the object. */
typedef enum {
    OBJ_PROP_FLAG_READ = 1 << 0,
    OBJ_PROP_FLAG_WRITE = 1 << 1,
    OBJ_PROP_FLAG_READWRITE = OBJ_PROP_FLAG_READ | OBJ_PROP_FLAG_WRITE,
} ObjectPropertyFlags;
void object_property_add_uint8_ptr(Object *obj, const char *name,
                                   const uint8_t *v, ObjectPropertyFlags f);
void object_property_add_uint16_ptr(Object *obj, const char *name,
                                    const uint16_t *v, ObjectPropertyFlags f);
void object_property_add_uint32_ptr(Object *obj, const char *name,
                                    const uint32_t *v, ObjectPropertyFlags f);
void object_property_add_uint64_ptr(Object *obj, const char *name,
                                    const uint64_t *v, ObjectPropertyFlags f);

/* ---- the object tree ---- */

/*
 * Add child under obj as property "name" (type "child<T>"); takes a ref
 * and sets child->parent.  The value of the property is the child's
 * canonical path.  A duplicate name aborts; see the try variant.
 */
ObjectProperty *object_property_add_child(Object *obj, const char *name,
                                          Object *child);
ObjectProperty *object_property_try_add_child(Object *obj, const char *name,
                                              Object *child, Error **errp);
/* Link flags: OBJ_PROP_LINK_STRONG holds a reference on the target. */
typedef enum { OBJ_PROP_LINK_STRONG = 1 << 0 } ObjectPropertyLinkFlags;
/*
 * A "link<type>" property stored in *targetp.  Its value is the target's
 * canonical path ("" for none); setting it takes a path (absolute or
 * partial) to an object of `type`: "Device 'p' not found" (class
 * DeviceNotFound), "Invalid parameter type for 'name', expected: type",
 * "Path 'p' does not uniquely identify an object".  check may veto a new
 * value; as in QEMU, check == NULL makes the link read-only
 * (object_property_allow_set_link() allows everything).
 */
ObjectProperty *object_property_add_link(Object *obj, const char *name,
    const char *type, Object **targetp,
    bool (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags);
bool object_property_allow_set_link(const Object *obj, const char *name,
                                    Object *val, Error **errp);
/* The same as a class property: the pointer lives at `offset` in each
 * object (static link properties of devices). */
ObjectProperty *object_class_property_add_link(ObjectClass *klass,
    const char *name, const char *type, ptrdiff_t offset,
    bool (*check)(const Object *obj, const char *name, Object *val,
                  Error **errp),
    ObjectPropertyLinkFlags flags);
/* Remove obj from its parent (drops the parent's reference). */
void object_unparent(Object *obj);
Object *object_get_root(void);
/* "/objects": where -object and object-add put user-created objects. */
Object *object_get_objects_root(void);
/* "/chardevs": where chardevs live, by id. */
Object *object_get_chardevs_root(void);
/* "/machine/peripheral" etc.: containers created on demand under root. */
Object *container_get(Object *root, const char *path);
/* "/machine/unattached/device[3]" */
char *object_get_canonical_path(const Object *obj);
const char *object_get_canonical_path_component(const Object *obj);
/*
 * Absolute ("/machine/foo") or partial ("foo": any unique match in the tree)
 * paths; *ambiguous is set when a partial path matches more than once.
 */
Object *object_resolve_path(const char *path, bool *ambiguous);
Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous);
Object *object_resolve_path_component(Object *parent, const char *part);
/*
 * An absolute path, or a path relative to parent ("a/b" = parent's child
 * a, its child b); no partial matching.  NULL if nothing is there.
 */
Object *object_resolve_path_at(Object *parent, const char *path);
/*
 * Call fn for each child, in the order of the parent's property table (as
 * QEMU); stop at a non-zero return and return it.  The recursive variant
 * visits a child before its own children.
 */
int object_child_foreach(Object *obj,
                         int (*fn)(Object *child, void *opaque),
                         void *opaque);
int object_child_foreach_recursive(Object *obj,
                                   int (*fn)(Object *child, void *opaque),
                                   void *opaque);

/* ---- user-creatable objects (-object, object-add, object-del) ---- */

#define TYPE_USER_CREATABLE "user-creatable"
typedef struct UserCreatableClass {
    InterfaceClass parent_class;
    /* Called after all properties are set: check and finish (or fail). */
    bool (*complete)(Object *obj, Error **errp);
    bool (*can_be_deleted)(Object *obj);
} UserCreatableClass;
#define USER_CREATABLE_CLASS(klass) \
    OBJECT_CLASS_CHECK(UserCreatableClass, (klass), TYPE_USER_CREATABLE)
#define USER_CREATABLE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(UserCreatableClass, (obj), TYPE_USER_CREATABLE)

/*
 * Create an object of `type` with `id` under /objects, setting each member
 * of props (a JSON object) as a property in the caller's input mode (see
 * QomInputMode: QMP object-add uses QOM_INPUT_TYPED), then calling
 * complete().  "qom-type" and "id" are not in props.  Errors as QEMU's:
 * "Parameter 'qom-type' does not accept value 'x'" (unknown, abstract or
 * not user-creatable type), "Parameter 'id' expects an identifier",
 * "Parameter 'x' is unexpected" / "Invalid parameter 'x'" (no such
 * settable property), "attempt to add duplicate property 'x' to object
 * (type 'container')".  Returns the object, borrowed (/objects holds the
 * reference), or NULL.
 */
Object *user_creatable_add_type(const char *type, const char *id,
                                json_t *props, Error **errp);
/*
 * From a -object dict (with "qom-type" and "id" members): string values
 * are parsed as -object key=value does (QOM_INPUT_OPTS); a JSON -object's
 * typed values are taken as they are.  A duplicate id fails with
 * "Duplicate ID 'x' for object".
 */
Object *user_creatable_add_dict(json_t *dict, Error **errp);
/* object-del: "object 'x' not found", "object 'x' is in use, can not be
 * deleted". */
bool user_creatable_del(const char *id, Error **errp);
/*
 * Print the -object help to stdout for type "help" (the list of creatable
 * types) or for props containing "help" ("TYPE options:" and one line per
 * settable property).  Returns true if help was printed; false when no help
 * was asked or the type is unknown (creating it then reports the error).
 */
bool user_creatable_print_help(const char *type, json_t *props);

#endif
