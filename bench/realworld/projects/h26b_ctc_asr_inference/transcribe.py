# source: https://github.com/speechbrain/speechbrain/issues/2804
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, loader-loop, batch-dict
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import argparse
import csv

import torch
import torchaudio
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

from pretrained import CTCTranscriber

TOKENS = ["<blank>", " ", "'"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]


class ManifestDataset(Dataset):
    def __init__(self, manifest):
        with open(manifest) as f:
            self.rows = list(csv.DictReader(f))

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        wav, sr = torchaudio.load(self.rows[i]["path"])
        wav = torchaudio.functional.resample(wav.mean(0), sr, 16000)
        return {"id": self.rows[i]["id"], "wav": wav}


def collate(items):
    return {"ids": [it["id"] for it in items],
            "wavs": pad_sequence([it["wav"] for it in items], batch_first=True)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--manifest", default="switchboard_eval.csv")
    parser.add_argument("--ckpt", default="pretrained_models/ctc_asr/model.ckpt")
    parser.add_argument("--out", default="hyps.tsv")
    args = parser.parse_args()

    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    asr = CTCTranscriber(args.ckpt, TOKENS, device=device)
    loader = DataLoader(ManifestDataset(args.manifest), batch_size=16, collate_fn=collate)
    with open(args.out, "w") as out:
        for batch in loader:
            for utt_id, text in zip(batch["ids"], asr.transcribe_batch(batch["wavs"])):
                out.write(f"{utt_id}\t{text}\n")
