# source: https://github.com/ylacombe/musicgen-dreamboothing/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoProcessor, MusicgenMelodyForConditionalGeneration

CHECKPOINT = "facebook/musicgen-melody"


def load_musicgen(checkpoint=CHECKPOINT, adapter_dir=None):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    model = MusicgenMelodyForConditionalGeneration.from_pretrained(checkpoint, torch_dtype=dtype)
    if adapter_dir is not None:
        model.load_adapter(adapter_dir)
    model = model.to(device).eval()
    processor = AutoProcessor.from_pretrained(checkpoint)
    return model, processor, device
