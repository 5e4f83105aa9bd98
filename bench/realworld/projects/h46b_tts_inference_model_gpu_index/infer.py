# source: https://github.com/index-tts/index-tts/issues/265
# error: RuntimeError: Expected all tensors to be on the same device, but got index is on cuda:1, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
"""Serve the TTS model on a chosen GPU of a shared multi-GPU box."""
import argparse

import torch
import yaml

from gpt_model import UnifiedVoiceLM


class TTSInfer:
    def __init__(self, cfg_path, ckpt_path, device="cuda:1", use_fp16=False):
        with open(cfg_path) as fh:
            self.cfg = yaml.safe_load(fh)
        self.device = torch.device(device)
        self.vocab = {tok: i for i, tok in enumerate(self.cfg["text_vocab"])}
        self.gpt = UnifiedVoiceLM(**self.cfg["gpt"])
        state = torch.load(ckpt_path, map_location="cpu")
        self.gpt.load_state_dict(state["model"] if "model" in state else state)
        self.gpt = self.gpt.to(self.device)
        self.gpt.eval()
        self.gpt.post_init_inference(half=use_fp16)

    def tokenize(self, text):
        unk = self.vocab.get("<unk>", 1)
        ids = [self.vocab.get(ch, unk) for ch in text.strip().lower()]
        return torch.tensor([ids], dtype=torch.long, device=self.device)

    def infer(self, text):
        tokens = self.tokenize(text)
        codes = self.gpt.inference_speech(tokens)
        return codes.cpu()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="checkpoints/config.yaml")
    ap.add_argument("--ckpt", default="checkpoints/gpt.pth")
    ap.add_argument("--device", default="cuda:1")
    ap.add_argument("--fp16", action="store_true")
    args = ap.parse_args()
    tts = TTSInfer(args.config, args.ckpt, device=args.device, use_fp16=args.fp16)
    print(tts.infer("hello from the second gpu").shape)
