import yaml
import torch
from flask import request


def load_config():
    return yaml.load(request.data, Loader=yaml.Loader)


def load_all_docs():
    return list(yaml.full_load_all(request.files["docs"].read()))


def restore(path):
    model = torch.load(request.args["checkpoint"])
    return model
