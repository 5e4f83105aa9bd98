# source: https://github.com/speechbrain/speechbrain/issues/2804
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class
# bug-lines: 26, 37
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from hparams import build_hparams


class CTCTranscriber:
    """Inference wrapper: loads the checkpoint and greedy-decodes CTC outputs."""

    def __init__(self, ckpt_path, tokens, device="cpu"):
        self.device = torch.device(device)
        self.tokens = tokens
        self.hparams = build_hparams(vocab_size=len(tokens))
        self.mods = torch.nn.ModuleDict(self.hparams["modules"])
        state = torch.load(ckpt_path, map_location="cpu")
        for name, module in self.hparams.items():
            if isinstance(module, torch.nn.Module) and name in state:
                module.load_state_dict(state[name])
        self.mods.to(self.device).eval()
        self.ctc_lin = self.hparams["ctc_lin"]
        self.log_softmax = self.hparams["log_softmax"]

    @torch.no_grad()
    def encode_batch(self, wavs):
        feats = self.mods.normalizer(wavs.to(self.device))
        return self.mods.encoder(feats)

    @torch.no_grad()
    def transcribe_batch(self, wavs):
        enc = self.encode_batch(wavs)
        logp = self.log_softmax(self.ctc_lin(enc))
        best = logp.argmax(dim=-1)
        texts = []
        for seq in best.tolist():
            chars, prev = [], None
            for idx in seq:
                if idx != prev and idx != self.hparams["blank_index"]:
                    chars.append(self.tokens[idx])
                prev = idx
            texts.append("".join(chars))
        return texts
