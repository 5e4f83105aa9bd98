# source: https://github.com/mozilla/TTS/issues/197
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half' (older torch: _th_index_select is not implemented for type torch.HalfTensor)
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 42, 63
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn


class TinyTacotron(nn.Module):
    def __init__(self, num_chars=130, emb=256, n_mels=80):
        super().__init__()
        self.embedding = nn.Embedding(num_chars, emb)
        self.encoder = nn.Sequential(nn.Conv1d(emb, emb, 5, padding=2), nn.ReLU())
        self.norm = nn.LayerNorm(emb)
        self.decoder = nn.GRU(emb, emb, batch_first=True)
        self.mel_proj = nn.Linear(emb, n_mels)

    def inference(self, text_ids):
        x = self.embedding(text_ids).transpose(1, 2)
        x = self.norm(self.encoder(x).transpose(1, 2))
        out, _ = self.decoder(x)
        return self.mel_proj(out)


def load_tts_model(model_path, use_cuda, use_fp16):
    model = TinyTacotron()
    if use_cuda:
        cp = torch.load(model_path)
    else:
        cp = torch.load(model_path, map_location="cpu")
    model.load_state_dict(cp["model"])
    if use_cuda:
        model.cuda()
    model.eval()
    if use_fp16:
        model.half()
    return model


def text_to_ids(text):
    return [min(ord(c), 129) for c in text.lower()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="checkpoints/tacotron2.pth.tar")
    parser.add_argument("--text", default="hello from the edge server")
    parser.add_argument("--fp16", action="store_true")
    args = parser.parse_args()

    use_cuda = torch.cuda.is_available()
    model = load_tts_model(args.model, use_cuda, args.fp16)
    ids = torch.LongTensor(text_to_ids(args.text)).unsqueeze(0)
    if use_cuda:
        ids = ids.cuda()
    with torch.no_grad():
        mel = model.inference(ids)
    np.save("mel.npy", mel.float().cpu().numpy())
