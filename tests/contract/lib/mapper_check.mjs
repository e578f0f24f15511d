// A JSON document checked against an SDK mapper (the generated model of an operation's body):
//  - walk(): every field named, nested and typed as the model says (unknown names, wrong types,
//    enum values, nulls the model does not allow, read-only fields, missing required ones);
//  - roundTrip(): the document through the SDK's own createSerializer(Mappers): deserialize with
//    the mapper, serialize again, and every field that did not come back the same.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createSerializer } = require("@azure/core-client");

const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

function splitName(serializedName) {
  // "properties.a\\.b" -> ["properties", "a.b"], as core-client splits flattened names.
  const parts = [];
  let partial = "";
  for (const item of (serializedName ?? "").split(".")) {
    if (item.endsWith("\\")) partial += item.slice(0, -1) + ".";
    else {
      parts.push(partial + item);
      partial = "";
    }
  }
  return parts;
}

// "a.b" for names like identifiers, 'a["nvidia.com/gpu"]' for the others.
export function childPath(path, key) {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function typeLabel(mapper) {
  const t = mapper.type;
  if (t.name === "Composite") return t.className ?? "object";
  if (t.name === "Sequence") return `array of ${typeLabel(t.element)}`;
  if (t.name === "Dictionary") return `map of ${typeLabel(t.value)}`;
  if (t.name === "Enum") return `one of ${JSON.stringify(t.allowedValues)}`;
  return t.name;
}

export class ModelChecker {
  // `mappers`: the package's Mappers (an operation spec's serializer.modelMappers).
  constructor(mappers) {
    this.mappers = mappers;
    this.serializer = createSerializer(mappers, false);
  }

  resolve(mapper, value) {
    let resolved = mapper;
    if (mapper.type.name === "Composite" && !mapper.type.modelProperties && mapper.type.className) {
      resolved = this.mappers[mapper.type.className] ?? mapper;
    }
    const typeName = resolved.type.uberParent ?? resolved.type.className;
    const discriminator =
      resolved.type.polymorphicDiscriminator ?? this.mappers[typeName]?.type.polymorphicDiscriminator;
    if (discriminator && value && typeof value === "object") {
      const key = discriminator.serializedName.replace(/\\/g, "");
      const found = value[key];
      const discriminators = this.mappers.discriminators ?? {};
      if (typeof found === "string") {
        const polymorphic = discriminators[`${typeName}.${found}`] ?? discriminators[found];
        if (polymorphic) resolved = polymorphic;
      }
    }
    return resolved;
  }

  // Issues [{path, kind, message}] of `value` against `mapper`. mode "request": read-only
  // fields and missing required ones count; "response": they do not.
  walk(mapper, value, path, mode, issues = []) {
    const add = (kind, message) => issues.push({ path, kind, message });
    if (value === undefined) return issues;
    if (value === null) {
      if (mapper.nullable !== true) add("null", `null, but the model's ${typeLabel(mapper)} is not nullable`);
      return issues;
    }
    if (mapper.isConstant) {
      if (value !== mapper.defaultValue) add("type", `${describe(value)}, the model's constant is ${JSON.stringify(mapper.defaultValue)}`);
      return issues;
    }
    const name = mapper.type.name;
    const wrong = () => add("type", `${describe(value)} where the model has ${typeLabel(mapper)}`);
    switch (name) {
      case "String":
      case "Uuid":
      case "ByteArray":
      case "Base64Url":
        if (typeof value !== "string") wrong();
        else this.constraints(mapper, value, add);
        break;
      case "Number":
        if (typeof value !== "number") wrong();
        else this.constraints(mapper, value, add);
        break;
      case "Boolean":
        if (typeof value !== "boolean") wrong();
        break;
      case "Enum":
        if (typeof value !== "string" && typeof value !== "number") wrong();
        else if (!mapper.type.allowedValues.some((v) => String(v).toLowerCase() === String(value).toLowerCase()))
          add("enum", `${JSON.stringify(value)} is not one of ${JSON.stringify(mapper.type.allowedValues)}`);
        break;
      case "Date":
      case "DateTime":
      case "DateTimeRfc1123":
        if (typeof value !== "string" || Number.isNaN(Date.parse(value))) wrong();
        break;
      case "UnixTime":
        if (typeof value !== "number") wrong();
        break;
      case "TimeSpan":
        if (typeof value !== "string" || !ISO_DURATION.test(value)) add("type", `${describe(value)} is not an ISO 8601 duration`);
        break;
      case "Sequence":
        if (!Array.isArray(value)) wrong();
        else value.forEach((item, i) => this.walk(mapper.type.element, item, `${path}[${i}]`, mode, issues));
        break;
      case "Dictionary":
        if (typeof value !== "object" || Array.isArray(value)) wrong();
        else for (const [k, v] of Object.entries(value)) this.walk(mapper.type.value, v, childPath(path, k), mode, issues);
        break;
      case "Composite":
        if (typeof value !== "object" || Array.isArray(value)) wrong();
        else this.composite(mapper, value, path, mode, issues);
        break;
      default:  // Object, any, Stream
        break;
    }
    return issues;
  }

  constraints(mapper, value, add) {
    const c = mapper.constraints;
    if (!c) return;
    if (c.Pattern && typeof value === "string" && !new RegExp(c.Pattern).test(value)) add("constraint", `${JSON.stringify(value)} does not match ${c.Pattern}`);
    if (c.MaxLength !== undefined && value.length > c.MaxLength) add("constraint", `longer than ${c.MaxLength}`);
    if (c.MinLength !== undefined && value.length < c.MinLength) add("constraint", `shorter than ${c.MinLength}`);
    if (c.InclusiveMaximum !== undefined && value > c.InclusiveMaximum) add("constraint", `above ${c.InclusiveMaximum}`);
    if (c.InclusiveMinimum !== undefined && value < c.InclusiveMinimum) add("constraint", `below ${c.InclusiveMinimum}`);
  }

  composite(mapper, value, path, mode, issues) {
    const resolved = this.resolve(mapper, value);
    const props = Object.values(resolved.type.modelProperties ?? {}).map((m) => ({ segments: splitName(m.serializedName), mapper: m }));
    const additional = resolved.type.additionalProperties ?? this.mappers[resolved.type.className]?.type.additionalProperties;
    this.level(resolved, props, additional, value, path, mode, issues);
  }

  // One level of a (possibly flattened) model: `props` have their segments relative to here.
  level(model, props, additional, value, path, mode, issues) {
    const join = (key) => childPath(path, key);
    for (const [key, child] of Object.entries(value)) {
      const here = props.filter((p) => p.segments[0] === key);
      if (here.length === 0) {
        if (additional) this.walk(additional, child, join(key), mode, issues);
        else issues.push({ path: join(key), kind: "unknown", message: `not a field of ${model.type.className} (${describe(child)})` });
        continue;
      }
      const leaf = here.find((p) => p.segments.length === 1);
      if (leaf) {
        if (mode === "request" && leaf.mapper.readOnly && child !== undefined)
          issues.push({ path: join(key), kind: "readOnly", message: `read-only in ${model.type.className}: the service ignores it` });
        else this.walk(leaf.mapper, child, join(key), mode, issues);
        continue;
      }
      if (child === null) continue;
      if (typeof child !== "object" || Array.isArray(child)) {
        issues.push({ path: join(key), kind: "type", message: `${describe(child)} where the model nests fields of ${model.type.className}` });
        continue;
      }
      const inner = here.map((p) => ({ segments: p.segments.slice(1), mapper: p.mapper }));
      this.level(model, inner, undefined, child, join(key), mode, issues);
    }
    if (mode === "request") {
      for (const p of props) {
        if (p.segments.length !== 1 || !p.mapper.required || p.mapper.readOnly || p.mapper.isConstant) continue;
        if (value[p.segments[0]] === undefined)
          issues.push({ path: join(p.segments[0]), kind: "required", message: `required by ${model.type.className}, but missing` });
      }
    }
  }

  // The document deserialized with `mapper` and serialized again by the SDK's serializer:
  // {issues:[{path, kind, message}], reserialized}. A field sent but not returned the same is an
  // issue; fields the model adds (defaults, discriminators) are not.
  roundTrip(mapper, document, objectName = "body") {
    let reserialized;
    try {
      const model = this.serializer.deserialize(mapper, document, objectName);
      reserialized = this.serializer.serialize(mapper, model, objectName);
    } catch (error) {
      return { issues: [{ path: "", kind: "serializer", message: `the SDK serializer refused it: ${error.message}` }], reserialized };
    }
    const issues = [];
    diff(document, reserialized, "", issues);
    return { issues, reserialized };
  }
}

function diff(sent, back, path, issues) {
  const join = (key) => childPath(path, key);
  if (sent === undefined) return;
  if (back === undefined) {
    issues.push({ path, kind: "dropped", message: `${describe(sent)} did not survive the SDK's deserialize + serialize` });
    return;
  }
  if (sent === null || back === null || typeof sent !== "object" || typeof back !== "object") {
    const same = sent === back ||
      (typeof sent === "string" && typeof back === "string" && !Number.isNaN(Date.parse(sent)) && /\d{4}-\d\d-\d\dT/.test(sent) && Date.parse(sent) === Date.parse(back));
    if (!same) issues.push({ path, kind: "changed", message: `sent ${describe(sent)}, the SDK's model gives ${describe(back)}` });
    return;
  }
  if (Array.isArray(sent) !== Array.isArray(back)) {
    issues.push({ path, kind: "changed", message: `sent ${describe(sent)}, the SDK's model gives ${describe(back)}` });
    return;
  }
  if (Array.isArray(sent)) {
    sent.forEach((item, i) => diff(item, back[i], `${path}[${i}]`, issues));
    return;
  }
  for (const key of Object.keys(sent)) diff(sent[key], back[key], join(key), issues);
}
