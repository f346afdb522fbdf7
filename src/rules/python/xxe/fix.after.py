import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/import", methods=["POST"])
def import_invoice():
    parser = etree.XMLParser(resolve_entities=False)
    doc = etree.fromstring(request.data, parser)
    return jsonify({"total": doc.findtext("total")})


def parse_feed(path):
    parser = etree.XMLParser(
        load_dtd=True, resolve_entities=False,
    )
    tree = etree.parse(path, parser)
    return [item.findtext("title") for item in tree.iter("item")]


def validate_catalog(xml_bytes):
    parser = etree.XMLParser(dtd_validation=True, remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(xml_bytes, parser)


def load_config(stream, handler):
    sax_parser = xml.sax.make_parser()
    sax_parser.setFeature(feature_external_ges, False)
    sax_parser.setContentHandler(handler)
    sax_parser.parse(stream)
