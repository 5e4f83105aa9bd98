# source: https://github.com/agemagician/ProtTrans/issues/135
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import re

import torch
from transformers import T5EncoderModel, T5Tokenizer

CHECKPOINT = "Rostlab/prot_t5_xl_uniref50"


def load_encoder(half_precision=True):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = T5Tokenizer.from_pretrained(CHECKPOINT, do_lower_case=False)
    model = T5EncoderModel.from_pretrained(CHECKPOINT)
    if half_precision and device.type == "cuda":
        model = model.half()
    else:
        model = model.float()
    return tokenizer, model.to(device).eval(), device


def prepare(sequences):
    return [" ".join(re.sub(r"[UZOB]", "X", s)) for s in sequences]


def embed(sequences, batch_size=8, half_precision=True):
    tokenizer, model, device = load_encoder(half_precision)
    per_protein = []
    for start in range(0, len(sequences), batch_size):
        chunk = sequences[start : start + batch_size]
        enc = tokenizer(prepare(chunk), add_special_tokens=True, padding="longest", return_tensors="pt")
        input_ids = enc["input_ids"].to(device)
        mask = enc["attention_mask"].to(device)
        with torch.no_grad():
            hidden = model(input_ids=input_ids, attention_mask=mask).last_hidden_state
        for i, seq in enumerate(chunk):
            per_protein.append(hidden[i, : len(seq)].float().mean(dim=0).cpu())
    return torch.stack(per_protein)


if __name__ == "__main__":
    seqs = ["PRTEINO", "SEQWENCE", "MKTAYIAKQRQISFVKSHFSRQ"]
    print(embed(seqs).shape)
