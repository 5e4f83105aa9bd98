# source: https://github.com/QwenLM/Qwen3-ASR/pull/135
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 52
# needs: torch, numpy, transformers, soundfile
# cpu: no written where torch was not installed; not run
import argparse
import json

import numpy as np
import soundfile as sf
import torch
from transformers import Wav2Vec2ForCTC, Wav2Vec2Processor


def viterbi_path(log_probs, token_ids, blank=0):
    """Best monotonic alignment of `token_ids` over frames (numpy trellis)."""
    n_frames, n_tokens = log_probs.shape[0], len(token_ids)
    trellis = np.full((n_frames + 1, n_tokens + 1), -np.inf, dtype=np.float32)
    trellis[0, 0] = 0.0
    trellis[1:, 0] = np.cumsum(log_probs[:, blank])
    for t in range(n_frames):
        stay = trellis[t, 1:] + log_probs[t, blank]
        move = trellis[t, :-1] + log_probs[t, token_ids]
        trellis[t + 1, 1:] = np.maximum(stay, move)
    path, j = [], n_tokens
    for t in range(n_frames, 0, -1):
        if j > 0 and trellis[t - 1, j - 1] + log_probs[t - 1, token_ids[j - 1]] >= trellis[t - 1, j] + log_probs[t - 1, blank]:
            path.append((t - 1, j - 1))
            j -= 1
    return path[::-1]


class ForcedAligner:
    def __init__(self, model_name="facebook/wav2vec2-base-960h", device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.processor = Wav2Vec2Processor.from_pretrained(model_name)
        self.model = Wav2Vec2ForCTC.from_pretrained(model_name).to(self.device).eval()
        self.frame_sec = self.model.config.inputs_to_logits_ratio / 16000

    @torch.no_grad()
    def emissions(self, audio):
        inputs = self.processor(audio, sampling_rate=16000, return_tensors="pt")
        logits = self.model(inputs.input_values.to(self.device)).logits
        return torch.log_softmax(logits[0], dim=-1)

    def align(self, audio, transcript):
        words = transcript.upper().split()
        token_ids = self.processor.tokenizer("|".join(words), add_special_tokens=False).input_ids
        log_probs = self.emissions(audio)
        path = viterbi_path(log_probs.numpy(), np.asarray(token_ids))
        spans, word_idx, start = [], 0, None
        for frame, tok in path:
            if start is None:
                start = frame
            if self.processor.tokenizer.convert_ids_to_tokens(token_ids[tok]) == "|" or tok == len(token_ids) - 1:
                spans.append({"word": words[word_idx], "start": round(start * self.frame_sec, 3),
                              "end": round((frame + 1) * self.frame_sec, 3)})
                word_idx, start = word_idx + 1, None
        return spans


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("audio")
    parser.add_argument("transcript")
    args = parser.parse_args()
    audio, sr = sf.read(args.audio, dtype="float32")
    assert sr == 16000, "resample to 16 kHz first"
    aligner = ForcedAligner()
    print(json.dumps(aligner.align(audio, open(args.transcript).read()), indent=2))
