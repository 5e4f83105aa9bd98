# source: https://github.com/IBM/pytorch-seq2seq/issues/102
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader

from beam import BeamSearchDecoder
from model import DecoderRNN, EncoderRNN, Seq2Seq
from vocab import load_vocab, TranslationDataset, pad_collate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="experiment/best.pt")
    parser.add_argument("--src_file", default="data/test.de")
    parser.add_argument("--beam", type=int, default=5)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    src_vocab, tgt_vocab = load_vocab("experiment/vocab.pt")
    model = Seq2Seq(EncoderRNN(len(src_vocab)), DecoderRNN(len(tgt_vocab)))
    model.load_state_dict(torch.load(args.checkpoint, map_location=device))
    model.to(device).eval()

    beam = BeamSearchDecoder(model.decoder, k=args.beam)
    loader = DataLoader(TranslationDataset(args.src_file, src_vocab), batch_size=32, collate_fn=pad_collate)
    with torch.no_grad():
        for src in loader:
            src = src.to(device)
            memory, hidden = model.encoder(src)
            best = beam(memory, hidden)
            for row in best.tolist():
                print(" ".join(tgt_vocab.itos[i] for i in row if i > 2))


if __name__ == "__main__":
    main()
