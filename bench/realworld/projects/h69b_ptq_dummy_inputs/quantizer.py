# source: https://github.com/inisis/brocolli/issues/52
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: tensor-created-without-device
# shape: multi-file, class, helper
# bug-lines: 20, 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Minimal post-training quantizer: trace with dummy inputs, then calibrate observers."""
import torch
import torch.fx as fx
from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import prepare_fx, convert_fx


def gen_input_tensor(shapes):
    """Build random inputs matching the (possibly nested) shape spec."""
    inputs = []
    for shape in shapes:
        if isinstance(shape, (tuple, list)) and all(isinstance(s, int) for s in shape):
            inputs.append(torch.rand(shape).to(torch.float32))
        else:
            inputs.append(gen_input_tensor(shape))
    return inputs


class PostTrainingQuantizer:
    def __init__(self, model, input_shapes, backend="fbgemm"):
        self.model = model.eval()
        self.input_shapes = input_shapes
        self.qconfig_mapping = get_default_qconfig_mapping(backend)
        self.graph_module = None
        self.prepared = None

    def trace(self):
        dummy = gen_input_tensor(self.input_shapes)
        with torch.no_grad():
            reference = self.model(*dummy)
        self.graph_module = fx.symbolic_trace(self.model)
        return reference

    def calibrate(self, loader, device, max_batches=32):
        with torch.no_grad():
            for step, (images, _) in enumerate(loader):
                if step >= max_batches:
                    break
                images = images.to(device)
                if self.prepared is None:
                    self.prepared = prepare_fx(self.graph_module, self.qconfig_mapping, (images,))
                self.prepared(images)

    def convert(self):
        return convert_fx(self.prepared.cpu())
