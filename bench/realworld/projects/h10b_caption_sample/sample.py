# source: https://github.com/yunjey/pytorch-tutorial/issues/249
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 41, 42
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
from PIL import Image
from torchvision import transforms

from model import EncoderCNN, DecoderRNN
from vocab import Vocabulary, load_vocab, ids_to_sentence  # noqa: F401  (Vocabulary needed by pickle)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_image(image_path, transform=None):
    image = Image.open(image_path).convert("RGB")
    image = image.resize([224, 224], Image.LANCZOS)
    if transform is not None:
        image = transform(image).unsqueeze(0)
    return image


def main(args):
    transform = transforms.Compose([
        transforms.ToTensor(),
        transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    vocab = load_vocab(args.vocab_path)

    encoder = EncoderCNN(args.embed_size).eval()
    decoder = DecoderRNN(args.embed_size, args.hidden_size, len(vocab), args.num_layers)
    encoder = encoder.to(device)
    decoder = decoder.to(device)

    # checkpoints were written by train.py on the GPU box
    encoder.load_state_dict(torch.load(args.encoder_path))
    decoder.load_state_dict(torch.load(args.decoder_path))

    image_tensor = load_image(args.image, transform).to(device)
    feature = encoder(image_tensor)
    sampled_ids = decoder.sample(feature)
    sentence = ids_to_sentence(vocab, sampled_ids[0].cpu().numpy())
    print(sentence)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", type=str, required=True)
    parser.add_argument("--encoder_path", type=str, default="models/encoder-5-3000.ckpt")
    parser.add_argument("--decoder_path", type=str, default="models/decoder-5-3000.ckpt")
    parser.add_argument("--vocab_path", type=str, default="data/vocab.pkl")
    parser.add_argument("--embed_size", type=int, default=256)
    parser.add_argument("--hidden_size", type=int, default=512)
    parser.add_argument("--num_layers", type=int, default=1)
    main(parser.parse_args())
