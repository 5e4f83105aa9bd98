# source: https://github.com/IDEA-Research/Grounded-Segment-Anything/issues/530 https://github.com/OpenNMT/OpenNMT-py/pull/1494
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper
# bug-lines: 32, 50
# needs: torch, torchvision, groundingdino, Pillow
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torchvision.transforms as T
from groundingdino.util.inference import load_model
from PIL import Image


def load_image(image_path):
    image_pil = Image.open(image_path).convert("RGB")
    transform = T.Compose([
        T.Resize(800, max_size=1333),
        T.ToTensor(),
        T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    return image_pil, transform(image_pil)


def tags_to_caption(tags):
    phrases = [t.strip().lower() for t in tags.split(",") if t.strip()]
    return " . ".join(phrases) + " .", phrases


def phrase_token_map(tokenizer, caption, phrases, num_tokens=256):
    positive_map = torch.zeros(len(phrases), num_tokens).cuda()
    for i, phrase in enumerate(phrases):
        start = caption.find(phrase)
        ids = tokenizer(caption[:start])["input_ids"][:-1]
        span = tokenizer(phrase)["input_ids"][1:-1]
        positive_map[i, len(ids):len(ids) + len(span)] = 1.0
    return positive_map / positive_map.sum(-1, keepdim=True).clamp(min=1.0)


def get_grounding_output(model, image, tags, box_threshold, device):
    caption, phrases = tags_to_caption(tags)
    with torch.no_grad():
        outputs = model(image[None].to(device), captions=[caption])
    logits = outputs["pred_logits"].sigmoid()[0]
    boxes = outputs["pred_boxes"][0]
    keep = logits.max(dim=1).values > box_threshold
    logits, boxes = logits[keep], boxes[keep]
    pmap = phrase_token_map(model.tokenizer, caption, phrases, logits.shape[-1])
    scores = logits @ pmap.T
    best = scores.argmax(dim=1)
    return boxes.cpu(), [phrases[i] for i in best.tolist()], scores.max(dim=1).values.cpu()


def main():
    parser = argparse.ArgumentParser("automatic labeling demo")
    parser.add_argument("--config", required=True)
    parser.add_argument("--grounded_checkpoint", required=True)
    parser.add_argument("--input_image", required=True)
    parser.add_argument("--tags", default="dog, person, bicycle")
    parser.add_argument("--box_threshold", type=float, default=0.25)
    parser.add_argument("--device", default="cuda")
    args = parser.parse_args()

    device = torch.device(args.device)
    model = load_model(args.config, args.grounded_checkpoint, device=args.device)
    _, image = load_image(args.input_image)
    boxes, labels, scores = get_grounding_output(model, image, args.tags, args.box_threshold, device)
    for box, label, score in zip(boxes, labels, scores):
        print(f"{label}: {score:.2f} {box.tolist()}")


if __name__ == "__main__":
    main()
