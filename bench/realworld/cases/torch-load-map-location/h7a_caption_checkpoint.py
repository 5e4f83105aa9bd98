# source: https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Image-Captioning/pull/93
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 20
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import argparse
import json

import torch
import torchvision.transforms as T
from PIL import Image

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_captioner(checkpoint_path):
    """The checkpoint stores whole encoder/decoder modules saved during GPU training."""
    checkpoint = torch.load(checkpoint_path, weights_only=False)
    encoder = checkpoint["encoder"].to(device).eval()
    decoder = checkpoint["decoder"].to(device).eval()
    return encoder, decoder, checkpoint.get("epoch", -1)


def read_image(path):
    tf = T.Compose([
        T.Resize((256, 256)),
        T.ToTensor(),
        T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
    ])
    return tf(Image.open(path).convert("RGB")).unsqueeze(0).to(device)


@torch.no_grad()
def greedy_caption(encoder, decoder, image, word_map, max_len=50):
    rev_map = {v: k for k, v in word_map.items()}
    enc_out = encoder(image).flatten(1, 2)
    h, c = decoder.init_hidden_state(enc_out)
    word = torch.tensor([word_map["<start>"]], device=device)
    words = []
    for _ in range(max_len):
        emb = decoder.embedding(word)
        awe, _ = decoder.attention(enc_out, h)
        gate = decoder.sigmoid(decoder.f_beta(h))
        h, c = decoder.decode_step(torch.cat([emb, gate * awe], dim=1), (h, c))
        word = decoder.fc(h).argmax(dim=1)
        if word.item() == word_map["<end>"]:
            break
        words.append(rev_map[word.item()])
    return " ".join(words)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Show, Attend, and Tell - caption an image")
    parser.add_argument("--img", "-i", required=True)
    parser.add_argument("--model", "-m", required=True, help="path to BEST_checkpoint_*.pth.tar")
    parser.add_argument("--word_map", "-wm", required=True)
    args = parser.parse_args()

    encoder, decoder, epoch = load_captioner(args.model)
    with open(args.word_map) as f:
        word_map = json.load(f)
    print(f"loaded checkpoint from epoch {epoch}")
    print(greedy_caption(encoder, decoder, read_image(args.img), word_map))
