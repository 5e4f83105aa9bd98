# source: https://github.com/huggingface/transformers/issues/11546
# error: RuntimeError: "baddbmm__mkl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 23, 45
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Per-residue embeddings for a FASTA file with a ProtT5 encoder, written
to one .pt file per protein. Runs on the GPU when there is one."""
import re
import sys

import torch
from transformers import T5EncoderModel, T5Tokenizer

MODEL_NAME = "Rostlab/prot_t5_xl_half_uniref50-enc"


def load_encoder(device):
    tokenizer = T5Tokenizer.from_pretrained(MODEL_NAME, do_lower_case=False)
    model = T5EncoderModel.from_pretrained(MODEL_NAME)
    model = model.to(device)
    model = model.half()
    return tokenizer, model.eval()


def read_fasta(path):
    name, seq = None, []
    for line in open(path):
        line = line.strip()
        if line.startswith(">"):
            if name:
                yield name, "".join(seq)
            name, seq = line[1:].split()[0], []
        elif line:
            seq.append(line)
    if name:
        yield name, "".join(seq)


def embed_batch(tokenizer, model, seqs, device):
    spaced = [" ".join(re.sub(r"[UZOB]", "X", s)) for s in seqs]
    enc = tokenizer(spaced, add_special_tokens=True, padding="longest", return_tensors="pt")
    with torch.no_grad():
        out = model(input_ids=enc["input_ids"].to(device),
                    attention_mask=enc["attention_mask"].to(device))
    return [out.last_hidden_state[i, :len(s)].float().cpu() for i, s in enumerate(seqs)]


def main(fasta_path, batch_size=8):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    tokenizer, model = load_encoder(device)
    records = list(read_fasta(fasta_path))
    for start in range(0, len(records), batch_size):
        chunk = records[start:start + batch_size]
        embs = embed_batch(tokenizer, model, [s for _, s in chunk], device)
        for (name, _), emb in zip(chunk, embs):
            torch.save(emb, f"{name}.pt")


if __name__ == "__main__":
    main(sys.argv[1])
