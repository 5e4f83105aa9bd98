# source: https://github.com/zai-org/ChatGLM-6B/issues/1489
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: helper, top-level
# looks-like: discarded-tensor-move
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Serve a P-tuning v2 checkpoint: fp16 backbone on GPU, prefix encoder kept in fp32.

Only the PrefixEncoder weights are stored in the checkpoint; they are loaded into a
freshly built model before casting.
"""
import os

import torch
from transformers import AutoConfig, AutoModel, AutoTokenizer

BASE = "THUDM/chatglm-6b"
CKPT = "output/adgen-chatglm-6b-pt-128-2e-2/checkpoint-3000"


def load_prefix_state(ckpt_dir):
    state = torch.load(os.path.join(ckpt_dir, "pytorch_model.bin"), map_location="cpu")
    prefix = "transformer.prefix_encoder."
    return {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}


def build_model(quantization_bit=None):
    config = AutoConfig.from_pretrained(BASE, trust_remote_code=True, pre_seq_len=128)
    model = AutoModel.from_pretrained(BASE, config=config, trust_remote_code=True)
    model.transformer.prefix_encoder.load_state_dict(load_prefix_state(CKPT))
    if quantization_bit is not None:
        model = model.quantize(quantization_bit)
    model = model.half().cuda()
    model.transformer.prefix_encoder.float()
    model.eval()
    return model


if __name__ == "__main__":
    tokenizer = AutoTokenizer.from_pretrained(BASE, trust_remote_code=True)
    model = build_model(quantization_bit=4)
    prompts = ["类型#上衣*材质#牛仔布*颜色#白色", "类型#裙*版型#宽松*图案#条纹"]
    for prompt in prompts:
        inputs = tokenizer(prompt, return_tensors="pt")
        inputs = inputs.to(model.device)
        with torch.no_grad():
            out = model.generate(**inputs, max_length=256, do_sample=False)
        print(tokenizer.decode(out[0][inputs["input_ids"].shape[1]:], skip_special_tokens=True))
