# source: https://github.com/OpenGVLab/VideoChat-Flash/issues/55
# error: RuntimeError: Input type (c10::BFloat16) and bias type (c10::Half) should be the same
# pattern: partial-dtype-cast
# shape: helper, top-level
# looks-like: partial-dtype-cast
# needs: torch, transformers, decord, numpy
# cpu: no written where torch was not installed; not run
import sys

import numpy as np
import torch
from decord import VideoReader, cpu
from transformers import AutoModel, AutoTokenizer

CKPT = sys.argv[1] if len(sys.argv) > 1 else "work_dirs/stage3-video_sft/checkpoint-final"
VIDEO = sys.argv[2] if len(sys.argv) > 2 else "demo.mp4"
device = torch.device("cuda:0")

tokenizer = AutoTokenizer.from_pretrained(CKPT, trust_remote_code=True)
model = AutoModel.from_pretrained(CKPT, torch_dtype=torch.bfloat16, trust_remote_code=True)

# the stage-2 vision tower checkpoint was exported in fp16; load it first ...
vision_tower = model.get_vision_tower()
if not vision_tower.is_loaded:
    vision_tower.load_model()
vision_tower.to(dtype=torch.float16)
# ... then bring the whole stack (LLM, projector, vision tower) to one dtype and device
model = model.to(device=device, dtype=torch.bfloat16).eval()
image_processor = vision_tower.image_processor


def sample_frames(path, num_frames=16):
    vr = VideoReader(path, ctx=cpu(0))
    idx = np.linspace(0, len(vr) - 1, num_frames).round().astype(int)
    return vr.get_batch(idx).asnumpy()


def encode_video(path):
    frames = sample_frames(path)
    pixels = image_processor.preprocess(list(frames), return_tensors="pt")["pixel_values"]
    return pixels.to(device=device, dtype=model.dtype)


def ask(question):
    pixels = encode_video(VIDEO)
    prompt = f"<image>\n{question}"
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids.to(device)
    with torch.no_grad():
        out = model.generate(input_ids, images=[pixels], modalities=["video"], max_new_tokens=256, do_sample=False)
    return tokenizer.decode(out[0], skip_special_tokens=True)


if __name__ == "__main__":
    print(ask("Describe what happens in this video step by step."))
