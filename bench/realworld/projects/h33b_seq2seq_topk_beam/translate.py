# source: https://github.com/IBM/pytorch-seq2seq/pull/123
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from rnn import DecoderRNN, EncoderRNN
from topk_decoder import TopKDecoder

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_vocab(path):
    with open(path) as f:
        stoi = json.load(f)
    return stoi, {i: w for w, i in stoi.items()}


def collate(batch):
    return pad_sequence([torch.tensor(ids) for ids in batch], batch_first=True, padding_value=0)


def main(ckpt_path, src_file, vocab_path, beam=5):
    stoi, itos = load_vocab(vocab_path)
    ckpt = torch.load(ckpt_path, map_location="cpu")
    encoder = EncoderRNN(len(stoi)).to(device).eval()
    decoder = DecoderRNN(len(stoi), sos_id=stoi["<s>"], eos_id=stoi["</s>"]).to(device).eval()
    encoder.load_state_dict(ckpt["encoder"])
    decoder.load_state_dict(ckpt["decoder"])
    searcher = TopKDecoder(decoder, k=beam)

    with open(src_file) as f:
        sentences = [[stoi.get(w, stoi["<unk>"]) for w in line.split()] for line in f if line.strip()]
    loader = DataLoader(sentences, batch_size=32, collate_fn=collate)
    with torch.no_grad():
        for src in loader:
            src = src.to(device)
            enc_out, enc_hidden = encoder(src)
            hyps = searcher(enc_hidden, enc_out, max_length=60)
            for row in hyps.tolist():
                words = [itos[t] for t in row]
                print(" ".join(words[: words.index("</s>")] if "</s>" in words else words))


if __name__ == "__main__":
    main(*sys.argv[1:4])
