/* QR Code encoder (ISO/IEC 18004), byte mode, error correction level M, versions 1-40.
   Written for this project; the structure follows Project Nayuki's public QR Code generator
   (MIT licence, see qr-LICENSE.txt). A classic script: window.kbQR.matrix(text) and window.kbQR.svg(text). */
(function (root) {
  "use strict";

  // Per version (index 1-40), for level M: error correction codewords per block, and number of blocks.
  var ECC_PER_BLOCK = [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  var BLOCKS = [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28,
    29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  var FORMAT_LEVEL_M = 0;

  function rawModules(ver) {
    var result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
      var align = Math.floor(ver / 7) + 2;
      result -= (25 * align - 10) * align - 55;
      if (ver >= 7) result -= 36;
    }
    return result;
  }

  function dataCodewords(ver) {
    return Math.floor(rawModules(ver) / 8) - ECC_PER_BLOCK[ver] * BLOCKS[ver];
  }

  function utf8(text) {
    var bytes = [];
    var s = unescape(encodeURIComponent(text));
    for (var i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i));
    return bytes;
  }

  function gfMul(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11d);
      z ^= ((y >>> i) & 1) * x;
    }
    return z;
  }

  function rsDivisor(degree) {
    var result = [];
    for (var i = 0; i < degree - 1; i++) result.push(0);
    result.push(1);
    var rootValue = 1;
    for (i = 0; i < degree; i++) {
      for (var j = 0; j < degree; j++) {
        result[j] = gfMul(result[j], rootValue);
        if (j + 1 < degree) result[j] ^= result[j + 1];
      }
      rootValue = gfMul(rootValue, 0x02);
    }
    return result;
  }

  function rsRemainder(data, divisor) {
    var result = divisor.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ result.shift();
      result.push(0);
      for (var i = 0; i < divisor.length; i++) result[i] ^= gfMul(divisor[i], factor);
    });
    return result;
  }

  function alignmentPositions(ver, size) {
    if (ver === 1) return [];
    var count = Math.floor(ver / 7) + 2;
    var step = Math.floor((ver * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
    var result = [6];
    for (var pos = size - 7; result.length < count; pos -= step) result.splice(1, 0, pos);
    return result;
  }

  function encode(text, forceVersion, forceMask) {
    var bytes = utf8(text);
    var ver = forceVersion || 1;
    for (; ver <= 40; ver++) {
      var countBits = ver <= 9 ? 8 : 16;
      if (4 + countBits + bytes.length * 8 <= dataCodewords(ver) * 8) break;
      if (forceVersion) throw new Error("text too long for version " + forceVersion);
    }
    if (ver > 40) throw new Error("text too long for a QR code");
    var size = ver * 4 + 17;
    var capacity = dataCodewords(ver) * 8;

    var bits = [];
    function put(value, length) { for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    put(4, 4);
    put(bytes.length, ver <= 9 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
    var data = [];
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var j = 0; j < 8; j++) byte = (byte << 1) | bits[i + j];
      data.push(byte);
    }

    // Split into blocks, add error correction, interleave.
    var numBlocks = BLOCKS[ver], eccLen = ECC_PER_BLOCK[ver];
    var rawCodewords = Math.floor(rawModules(ver) / 8);
    var numShort = numBlocks - rawCodewords % numBlocks;
    var shortLen = Math.floor(rawCodewords / numBlocks);
    var divisor = rsDivisor(eccLen);
    var blocks = [];
    for (var b = 0, k = 0; b < numBlocks; b++) {
      var dat = data.slice(k, k + shortLen - eccLen + (b < numShort ? 0 : 1));
      k += dat.length;
      var ecc = rsRemainder(dat, divisor);
      if (b < numShort) dat.push(0);
      blocks.push(dat.concat(ecc));
    }
    var codewords = [];
    for (i = 0; i < blocks[0].length; i++) {
      for (j = 0; j < blocks.length; j++) {
        if (i !== shortLen - eccLen || j >= numShort) codewords.push(blocks[j][i]);
      }
    }

    var modules = [], isFunction = [];
    for (i = 0; i < size; i++) {
      modules.push(new Array(size).fill(false));
      isFunction.push(new Array(size).fill(false));
    }
    function setFunction(x, y, dark) { modules[y][x] = dark; isFunction[y][x] = true; }

    for (i = 0; i < size; i++) {
      setFunction(6, i, i % 2 === 0);
      setFunction(i, 6, i % 2 === 0);
    }
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var x = c[0] + dx, y = c[1] + dy;
          var dist = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) setFunction(x, y, dist !== 2 && dist !== 4);
        }
      }
    });
    var align = alignmentPositions(ver, size);
    for (i = 0; i < align.length; i++) {
      for (j = 0; j < align.length; j++) {
        var last = align.length - 1;
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
        for (var ay = -2; ay <= 2; ay++) {
          for (var ax = -2; ax <= 2; ax++) setFunction(align[i] + ax, align[j] + ay, Math.max(Math.abs(ax), Math.abs(ay)) !== 1);
        }
      }
    }
    function drawFormat(mask) {
      var value = (FORMAT_LEVEL_M << 3) | mask;
      var rem = value;
      for (var n = 0; n < 10; n++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
      var f = ((value << 10) | rem) ^ 0x5412;
      function bit(n) { return ((f >>> n) & 1) !== 0; }
      for (n = 0; n <= 5; n++) setFunction(8, n, bit(n));
      setFunction(8, 7, bit(6));
      setFunction(8, 8, bit(7));
      setFunction(7, 8, bit(8));
      for (n = 9; n < 15; n++) setFunction(14 - n, 8, bit(n));
      for (n = 0; n < 8; n++) setFunction(size - 1 - n, 8, bit(n));
      for (n = 8; n < 15; n++) setFunction(8, size - 15 + n, bit(n));
      setFunction(8, size - 8, true);
    }
    drawFormat(0);
    if (ver >= 7) {
      var rem = ver;
      for (i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
      var vbits = (ver << 12) | rem;
      for (i = 0; i < 18; i++) {
        var dark = ((vbits >>> i) & 1) !== 0;
        var a = size - 11 + i % 3, c = Math.floor(i / 3);
        setFunction(a, c, dark);
        setFunction(c, a, dark);
      }
    }

    // Data in the zigzag order, two columns at a time from the right, skipping the vertical timing line.
    var bitIndex = 0;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (var vert = 0; vert < size; vert++) {
        for (j = 0; j < 2; j++) {
          var x = right - j;
          var upward = ((right + 1) & 2) === 0;
          var y = upward ? size - 1 - vert : vert;
          if (!isFunction[y][x] && bitIndex < codewords.length * 8) {
            modules[y][x] = ((codewords[bitIndex >>> 3] >>> (7 - (bitIndex & 7))) & 1) !== 0;
            bitIndex++;
          }
        }
      }
    }

    function applyMask(mask) {
      for (var yy = 0; yy < size; yy++) {
        for (var xx = 0; xx < size; xx++) {
          var invert;
          switch (mask) {
            case 0: invert = (xx + yy) % 2 === 0; break;
            case 1: invert = yy % 2 === 0; break;
            case 2: invert = xx % 3 === 0; break;
            case 3: invert = (xx + yy) % 3 === 0; break;
            case 4: invert = (Math.floor(xx / 3) + Math.floor(yy / 2)) % 2 === 0; break;
            case 5: invert = (xx * yy) % 2 + (xx * yy) % 3 === 0; break;
            case 6: invert = ((xx * yy) % 2 + (xx * yy) % 3) % 2 === 0; break;
            default: invert = ((xx + yy) % 2 + (xx * yy) % 3) % 2 === 0;
          }
          if (invert && !isFunction[yy][xx]) modules[yy][xx] = !modules[yy][xx];
        }
      }
    }

    // Penalty rules 1 (runs), 2 (2x2 blocks) and 4 (balance); any mask decodes, this only picks a clean one.
    function penalty() {
      var score = 0, darkCount = 0, yy, xx;
      for (yy = 0; yy < size; yy++) {
        var runRow = 1, runCol = 1;
        for (xx = 0; xx < size; xx++) {
          if (modules[yy][xx]) darkCount++;
          if (xx > 0) {
            if (modules[yy][xx] === modules[yy][xx - 1]) { runRow++; if (runRow === 5) score += 3; else if (runRow > 5) score++; } else runRow = 1;
            if (modules[xx][yy] === modules[xx - 1][yy]) { runCol++; if (runCol === 5) score += 3; else if (runCol > 5) score++; } else runCol = 1;
          }
          if (xx > 0 && yy > 0) {
            var m = modules[yy][xx];
            if (m === modules[yy - 1][xx] && m === modules[yy][xx - 1] && m === modules[yy - 1][xx - 1]) score += 3;
          }
        }
      }
      var total = size * size;
      score += (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
      return score;
    }

    var best = forceMask, bestScore = Infinity;
    if (best === undefined) {
      for (var mask = 0; mask < 8; mask++) {
        applyMask(mask);
        drawFormat(mask);
        var score = penalty();
        if (score < bestScore) { best = mask; bestScore = score; }
        applyMask(mask);
      }
    }
    applyMask(best);
    drawFormat(best);
    return modules;
  }

  function svg(text, quiet) {
    var modules = encode(text);
    var margin = quiet === undefined ? 4 : quiet;
    var size = modules.length + margin * 2;
    var path = [];
    for (var y = 0; y < modules.length; y++) {
      for (var x = 0; x < modules.length; x++) {
        if (modules[y][x]) path.push("M" + (x + margin) + " " + (y + margin) + "h1v1h-1z");
      }
    }
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + size + " " + size + '" shape-rendering="crispEdges" aria-hidden="true">' +
      '<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="' + path.join("") + '"/></svg>';
  }

  root.kbQR = { matrix: encode, svg: svg };
})(typeof window !== "undefined" ? window : globalThis);
