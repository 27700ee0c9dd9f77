#!/usr/bin/env python3
"""Read Stockflow's offer-snapshots topic into a dict of the current offers.

A downstream reader that is not Java, as a catalog service would write it: it reads the compacted
topic from the beginning with isolation.level=read_committed (Stockflow writes in transactions),
keeps the last snapshot per offer key and drops an offer on its tombstone (a record without a value),
and prints the current offers as one JSON object keyed by offer key.

Values are in the Confluent Schema Registry wire format: a zero byte, the writer schema's id as a
4-byte big-endian integer, then the Avro binary encoding. The writer schema is fetched by id with
Confluent's own SchemaRegistryClient; the record is decoded with the Apache Avro library (Confluent's
AvroDeserializer needs fastavro, which Debian does not package).

Debian 12: apt-get install python3-confluent-kafka python3-avro

    read_snapshots.py --bootstrap-servers localhost:9092 --schema-registry-url http://localhost:8081
"""

import argparse
import datetime
import io
import json
import struct
import sys
import uuid

import avro.io
import avro.schema
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient

MAGIC_BYTE = 0
HEADER = struct.Struct(">bI")


class WireFormatDecoder:
    """Decodes wire-format values, fetching each writer schema from the registry once."""

    def __init__(self, registry):
        self._registry = registry
        self._readers = {}

    def decode(self, value):
        magic, schema_id = HEADER.unpack_from(value)
        if magic != MAGIC_BYTE:
            raise ValueError("not in the registry wire format (first byte %d)" % magic)
        reader = self._readers.get(schema_id)
        if reader is None:
            schema = avro.schema.parse(self._registry.get_schema(schema_id).schema_str)
            reader = avro.io.DatumReader(schema)
            self._readers[schema_id] = reader
        return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[HEADER.size:])))


def read_offers(bootstrap_servers, registry_url, topic, timeout_seconds=30.0):
    """The current offers of the topic, keyed by offer key, read up to its end."""
    decoder = WireFormatDecoder(SchemaRegistryClient({"url": registry_url}))
    consumer = Consumer({
        "bootstrap.servers": bootstrap_servers,
        "group.id": "read-snapshots-" + str(uuid.uuid4()),
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    })
    try:
        partitions = consumer.list_topics(topic, timeout=timeout_seconds).topics[topic].partitions
        if not partitions:
            raise KafkaException("topic %s does not exist" % topic)
        # Assigned, not subscribed: every partition from its start, with no consumer group to join.
        consumer.assign([TopicPartition(topic, partition, OFFSET_BEGINNING) for partition in partitions])
        return _consume_to_end(consumer, decoder, len(partitions), timeout_seconds)
    finally:
        consumer.close()


def _consume_to_end(consumer, decoder, partition_count, timeout_seconds):
    offers = {}
    at_end = set()
    while len(at_end) < partition_count:
        message = consumer.poll(timeout_seconds)
        if message is None:
            raise TimeoutError("no record or end of partition within %s s" % timeout_seconds)
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                at_end.add(message.partition())
                continue
            raise KafkaException(message.error())
        at_end.discard(message.partition())
        key = message.key().decode("utf-8")
        if message.value() is None:
            offers.pop(key, None)  # a tombstone: the offer is gone
        else:
            offers[key] = decoder.decode(message.value())
    return offers


def _plain(value):
    """JSON-ready values: Avro timestamp-millis become epoch milliseconds, as in Stockflow's lookup API."""
    if isinstance(value, datetime.datetime):
        return round(value.timestamp() * 1000)
    if isinstance(value, dict):
        return {name: _plain(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--schema-registry-url", default="http://localhost:8081")
    parser.add_argument("--topic", default="offer-snapshots")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the broker")
    args = parser.parse_args()
    offers = read_offers(args.bootstrap_servers, args.schema_registry_url, args.topic, args.timeout)
    json.dump({key: _plain(offer) for key, offer in sorted(offers.items())}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
