import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { temporal } from '@temporalio/proto';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = temporal.api.history.v1.IHistory;

// LIMITATION: historyToJSON and historyFromJSON of @temporalio/common fail here with "type must
// be a Type": npm gives @temporalio/common and @temporalio/proto separate copies of protobufjs 8
// (another package keeps protobufjs 7 at the top), and protobufjs checks types by instanceof.
// We convert with the copy that built the types: the same proto3 JSON the Temporal CLI writes.
const protoRequire = createRequire(require.resolve('@temporalio/proto'));
const protojson = protoRequire(
  protoRequire.resolve('protobufjs/ext/protojson', {
    paths: [dirname(require.resolve('@temporalio/proto/package.json'))],
  }),
) as {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
};
// The patched root is a protobufjs Root at run time; its declared type is the generated module's.
const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown };
const historyType = root.lookupType('temporal.api.history.v1.History');

/** A fetched history as proto3 JSON, as `temporal workflow show --output json` writes it. */
export function historyToJson(history: History): unknown {
  return protojson.toJson(historyType, temporal.api.history.v1.History.fromObject(history));
}

/** A history read back from its proto3 JSON. */
export function historyFromJson(json: unknown): History {
  const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!history) throw new TypeError('Invalid history JSON');

  return history as History;
}
