# source: https://github.com/sacdallago/bio_embeddings/issues/126
# error: RuntimeError: "threshold_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 25, 38
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
import re

import numpy as np
import torch
from transformers import T5EncoderModel, T5Tokenizer


class ProtTransT5Embedder:
    name = "prottrans_t5_xl_u50"

    def __init__(self, model_dir, half_precision_model=True, device=None):
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.tokenizer = T5Tokenizer.from_pretrained(model_dir, do_lower_case=False)
        model = T5EncoderModel.from_pretrained(model_dir)
        if half_precision_model:
            model = model.half()
        self.model = model.to(self.device).eval()

    @staticmethod
    def _prepare(sequence):
        return " ".join(re.sub(r"[UZOB]", "X", sequence))

    @torch.no_grad()
    def embed_batch(self, sequences):
        prepared = [self._prepare(s) for s in sequences]
        enc = self.tokenizer(prepared, padding="longest", return_tensors="pt")
        ids = enc["input_ids"].to(self.device)
        mask = enc["attention_mask"].to(self.device)
        hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
        out = []
        for i, seq in enumerate(sequences):
            out.append(hidden[i, : len(seq)].float().cpu().numpy())
        return out

    def embed_many(self, sequences, batch_size=8):
        for start in range(0, len(sequences), batch_size):
            yield from self.embed_batch(sequences[start:start + batch_size])

    @staticmethod
    def reduce_per_protein(embedding):
        return embedding.mean(axis=0)


if __name__ == "__main__":
    seqs = [line.strip() for line in open("proteins.txt") if line.strip()]
    embedder = ProtTransT5Embedder("models/prottrans_t5_xl_u50")
    reduced = [embedder.reduce_per_protein(e) for e in embedder.embed_many(seqs)]
    np.save("reduced_embeddings.npy", np.stack(reduced))
