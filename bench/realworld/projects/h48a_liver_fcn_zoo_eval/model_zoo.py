# source: https://github.com/Tramac/awesome-semantic-segmentation-pytorch/issues/213
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
from fcn import get_fcn16s, get_fcn16s_vgg16_lits

_SEG_MODELS = {
    "fcn16s": get_fcn16s,
}

_NAMED_MODELS = {
    "fcn16s_vgg16_lits": get_fcn16s_vgg16_lits,
}


def get_segmentation_model(model, **kwargs):
    """Builds an architecture by name; extra kwargs go to the factory (dataset, pretrained, root...)."""
    name = model.lower()
    if name not in _SEG_MODELS:
        raise ValueError(f"unknown segmentation model {model!r}; choose from {sorted(_SEG_MODELS)}")
    return _SEG_MODELS[name](**kwargs)


def get_model(name, **kwargs):
    name = name.lower()
    if name not in _NAMED_MODELS:
        raise ValueError(f"{name} is not a released model; choose from {sorted(_NAMED_MODELS)}")
    return _NAMED_MODELS[name](**kwargs)


def list_models():
    return sorted(list(_SEG_MODELS) + list(_NAMED_MODELS))
