import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


@app.route("/api/import", methods=["POST"])
def import_invoice():
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(request.data, parser)
    return jsonify({"total": doc.findtext("total")})


def parse_feed(path):
    parser = etree.XMLParser(
        load_dtd=True,
        no_network=False,
    )
    tree = etree.parse(path, parser)
    return [item.findtext("title") for item in tree.iter("item")]


def validate_catalog(xml_bytes):
    parser = etree.XMLParser(dtd_validation=True, remove_blank_text=True)
    return etree.fromstring(xml_bytes, parser)


def load_config(stream, handler):
    sax_parser = xml.sax.make_parser()
    sax_parser.setFeature(feature_external_ges, True)
    sax_parser.setContentHandler(handler)
    sax_parser.parse(stream)
