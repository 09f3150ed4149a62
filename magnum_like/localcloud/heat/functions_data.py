"""The pure HOT functions: they work on already-resolved arguments."""

import hashlib
import itertools
import json
from urllib import parse

from magnum_like.localcloud.heat import errors

_JSON_VALUES_SINCE = 3  # 2015-10-15: maps and lists are JSON-encoded


def _fail(message):
    raise errors.StackValidationFailed(message)


def select_path(value, path, fn_name):
    """Follow a list of keys/indices into a value (get_param/get_attr)."""
    for key in path:
        if value is None:
            return None
        if isinstance(value, list):
            try:
                value = value[int(key)]
            except (ValueError, IndexError, TypeError):
                return None
        elif isinstance(value, dict):
            value = value.get(key if not isinstance(key, int) else
                              str(key), value.get(key))
        elif isinstance(value, str) and value.startswith(("{", "[")):
            value = select_path(json.loads(value), [key], fn_name)
        else:
            _fail('"%s" can\'t traverse path "%s"' % (fn_name, key))
    return value


def _as_text(value, ordinal, fn_name):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, (dict, list)) and ordinal >= _JSON_VALUES_SINCE:
        return json.dumps(value)
    _fail('Items to join must be strings not %s' % json.dumps(value)
          if fn_name == "list_join" else
          '"%s" params must be strings or numbers' % fn_name)


def list_join(args, ordinal):
    if not isinstance(args, list) or len(args) < 2:
        _fail('Incorrect arguments to "list_join" should be: '
              'list_join: [delimiter, [list, of, strings]]')
    delim, lists = args[0], args[1:]
    if not isinstance(delim, str):
        _fail('Incorrect arguments to "list_join": delimiter must be a '
              'string')
    items = []
    for chunk in lists:
        if chunk is None:
            continue
        if isinstance(chunk, str):
            chunk = [chunk] if chunk else []
        if not isinstance(chunk, list):
            _fail('Incorrect arguments to "list_join": %s is not a list'
                  % json.dumps(chunk))
        items.extend(_as_text(i, ordinal, "list_join") for i in chunk)
    return delim.join(items)


def _replace(args, ordinal, fn_name, strict=0):
    if not isinstance(args, dict) or "template" not in args or \
            "params" not in args:
        _fail('"%s" syntax should be %s:\n  template: <template>\n  '
              'params: <params>' % (fn_name, fn_name))
    text, params = args["template"], args["params"]
    if not isinstance(params, dict):
        _fail('"%s" parameters must be a mapping' % fn_name)
    if not isinstance(text, str):
        _fail('"%s" template must be a string' % fn_name)
    missing = [k for k in params if str(k) not in text]
    if strict and missing:
        _fail("The following params were not found in the template: %s"
              % ",".join(sorted(str(k) for k in missing)))
    if strict > 1:
        empty = [k for k, v in params.items() if v in (None, "")]
        if empty:
            _fail("%s has an undefined or empty value for param %s"
                  % (fn_name, ",".join(sorted(str(k) for k in empty))))
    for key in sorted(params, key=lambda k: -len(str(k))):
        text = text.replace(str(key),
                            _as_text(params[key], ordinal, fn_name))
    return text


def str_split(args, ordinal):
    if not isinstance(args, list) or len(args) not in (2, 3):
        _fail('Incorrect arguments to "str_split" should be: str_split: '
              '[delimiter, string, (index)]')
    parts = str(args[1]).split(args[0]) if args[1] is not None else []
    if len(args) == 3:
        try:
            return parts[int(args[2])]
        except (IndexError, ValueError):
            _fail('Incorrect index to "str_split" should be between 0 and '
                  '%d' % (len(parts) - 1))
    return parts


def repeat(args, ordinal):
    if not isinstance(args, dict) or "for_each" not in args or \
            "template" not in args:
        _fail('"repeat" syntax should be repeat:\n  for_each: {...}\n  '
              'template: ...')
    for_each = args["for_each"]
    if not isinstance(for_each, dict) or not all(
            isinstance(v, list) for v in for_each.values()):
        _fail('The values of the "for_each" argument to "repeat" must be '
              'lists')
    keys = list(for_each)
    combos = (itertools.product(*for_each.values())
              if args.get("permutations", True)
              else zip(*for_each.values(), strict=False))
    return [_substitute(args["template"], dict(zip(keys, c, strict=True)))
            for c in combos]


def _substitute(value, mapping):
    if isinstance(value, str):
        for key, item in mapping.items():
            if value == key:
                return item
            value = value.replace(key, str(item))
        return value
    if isinstance(value, dict):
        return {_substitute(k, mapping): _substitute(v, mapping)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, mapping) for v in value]
    return value


def map_merge(args, ordinal):
    if not isinstance(args, list):
        _fail('Incorrect arguments to "map_merge" should be: map_merge: '
              '[{key1: val1}, {key2: val2}]')
    out = {}
    for item in args:
        if item is None:
            continue
        if not isinstance(item, dict):
            _fail('Incorrect arguments: Items to merge must be maps. %s'
                  % json.dumps(item))
        out.update(item)
    return out


def map_replace(args, ordinal):
    if not isinstance(args, list) or len(args) != 2 or \
            not isinstance(args[0], dict):
        _fail('Incorrect arguments to "map_replace" should be: '
              'map_replace: [{key: value}, {keys: {}, values: {}}]')
    source, spec = args
    keys = (spec or {}).get("keys") or {}
    values = (spec or {}).get("values") or {}
    out = {}
    for key, value in source.items():
        new_key = keys.get(key, key)
        if new_key in out:
            _fail('key replacement %s collides with a key in the input map'
                  % new_key)
        out[new_key] = values.get(value, value) if isinstance(
            value, (str, int, float)) else value
    return out


def digest(args, ordinal):
    if not isinstance(args, list) or len(args) != 2:
        _fail('Argument to function "digest" must be a list')
    try:
        hasher = hashlib.new(args[0])
    except (ValueError, TypeError):
        _fail('Algorithm must be one of %s'
              % ", ".join(sorted(hashlib.algorithms_available)))
    hasher.update(str(args[1]).encode("utf-8"))
    return hasher.hexdigest()


def filter_(args, ordinal):
    if not isinstance(args, list) or len(args) != 2 or \
            not isinstance(args[1], list):
        _fail('"filter" filters a list of values: filter: '
              '[values_to_remove, list]')
    drop = args[0] or []
    return [v for v in args[1] if v not in drop]


def contains(args, ordinal):
    if not isinstance(args, list) or len(args) != 2 or \
            not isinstance(args[1], (list, str, dict)):
        _fail('Arguments to "contains" must be of the form [value, '
              'sequence]')
    return args[0] in args[1]


def list_concat(args, ordinal, unique=False):
    if not isinstance(args, list):
        _fail('Incorrect arguments to "list_concat" should be: '
              'list_concat: [[list1], [list2]]')
    out = []
    for item in args:
        if item is None:
            continue
        if not isinstance(item, list):
            _fail('Incorrect arguments to "list_concat": %s is not a list'
                  % json.dumps(item))
        for value in item:
            if not unique or value not in out:
                out.append(value)
    return out


def make_url(args, ordinal):
    if not isinstance(args, dict):
        _fail('The "make_url" argument must be a map')
    host = str(args.get("host", ""))
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host
    port = args.get("port")
    netloc = host + (":%s" % port if port not in (None, "") else "")
    path = str(args.get("path", ""))
    query = parse.urlencode(args.get("query") or {})
    return parse.urlunsplit((args.get("scheme", ""), netloc, path, query,
                             args.get("fragment", "")))


TABLE = {
    "list_join": list_join,
    "str_replace": lambda a, o: _replace(a, o, "str_replace"),
    "str_replace_strict": lambda a, o: _replace(
        a, o, "str_replace_strict", strict=1),
    "str_replace_vstrict": lambda a, o: _replace(
        a, o, "str_replace_vstrict", strict=2),
    "str_split": str_split, "repeat": repeat, "map_merge": map_merge,
    "map_replace": map_replace, "digest": digest, "filter": filter_,
    "contains": contains, "list_concat": list_concat,
    "list_concat_unique": lambda a, o: list_concat(a, o, unique=True),
    "make_url": make_url,
}
